import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One SKU of a notice; expected quantity 0 marks a SKU that came without being announced. */
@Entity('expected_delivery_line')
export class ExpectedDeliveryLine {
  @PrimaryColumn({ name: 'expected_delivery_id', type: 'char', length: 36 }) expectedDeliveryId!: string;
  @PrimaryColumn({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @Column({ name: 'expected_quantity', type: 'int' }) expectedQuantity!: number;
  @Column({ name: 'harvest_date', type: 'date', nullable: true }) harvestDate!: string | null;
  @Column({ name: 'received_quantity', type: 'int' }) receivedQuantity!: number;
}
