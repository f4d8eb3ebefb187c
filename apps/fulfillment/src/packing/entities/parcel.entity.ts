import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Coolant, Packaging } from '../domain/packing-plan';

@Entity('parcel')
export class Parcel {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'order_id', type: 'varchar' }) orderId!: string;
  @Column({ type: 'varchar' }) packaging!: Packaging;
  @Column({ type: 'varchar' }) coolant!: Coolant;
  @Column({ name: 'coolant_grams', type: 'int' }) coolantGrams!: number;
  @Column({ name: 'product_grams', type: 'int' }) productGrams!: number;
  @Column({ name: 'gross_weight_grams', type: 'int' }) grossWeightGrams!: number;
}
