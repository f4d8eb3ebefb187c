import type { SoldBy, Substitution, TemperatureClass } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One SKU of an order, with the price snapshotted at checkout and what picking and packing found. */
@Entity('order_line')
export class OrderLine {
  @PrimaryColumn({ name: 'order_id', type: 'char' }) orderId!: string;
  @PrimaryColumn({ name: 'line_no', type: 'int' }) lineNo!: number;
  @Column({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'sold_by', type: 'varchar' }) soldBy!: SoldBy;
  @Column({ name: 'temperature_class', type: 'varchar' }) temperatureClass!: TemperatureClass;
  @Column({ type: 'int', nullable: true }) quantity!: number | null;
  @Column({ name: 'estimated_weight_grams', type: 'int', nullable: true }) estimatedWeightGrams!:
    number | null;
  /** Stock units held: pieces, or grams for a weighed SKU. */
  @Column({ name: 'reserved_quantity', type: 'int' }) reservedQuantity!: number;
  @Column({ name: 'unit_price_fen', type: 'int' }) unitPriceFen!: number;
  @Column({ name: 'line_total_fen', type: 'int' }) lineTotalFen!: number;
  /** The customer's choice should the warehouse run short: a similar item, or none. */
  @Column({ type: 'varchar' }) substitution!: Substitution;
  @Column({ name: 'picked_quantity', type: 'int', nullable: true }) pickedQuantity!: number | null;
  @Column({ name: 'short_pick_reason', type: 'varchar', nullable: true }) shortPickReason!: string | null;
  @Column({ name: 'actual_weight_grams', type: 'int', nullable: true }) actualWeightGrams!: number | null;
}
