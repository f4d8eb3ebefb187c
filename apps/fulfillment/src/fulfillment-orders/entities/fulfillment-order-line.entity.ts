import type { SoldBy, TemperatureClass } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A line to fulfil: pieces, or the estimated grams of a weighed SKU (settled by the packed weight). */
@Entity('fulfillment_order_line')
export class FulfillmentOrderLine {
  @PrimaryColumn({ name: 'order_id', type: 'varchar' }) orderId!: string;
  @PrimaryColumn({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'sold_by', type: 'varchar' }) soldBy!: SoldBy;
  @Column({ name: 'temperature_class', type: 'varchar' }) temperatureClass!: TemperatureClass;
  @Column({ name: 'ordered_quantity', type: 'int' }) orderedQuantity!: number;
  @Column({ name: 'actual_weight_grams', type: 'int', nullable: true }) actualWeightGrams!: number | null;
}
