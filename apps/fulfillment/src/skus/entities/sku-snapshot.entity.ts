import type { SoldBy, TemperatureClass } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Fulfillment's local copy of a SKU, kept current from catalog.sku-changed (storage class and shelf life). */
@Entity('sku_snapshot')
export class SkuSnapshot {
  @PrimaryColumn({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'category_id', type: 'varchar' }) categoryId!: string;
  @Column({ name: 'sold_by', type: 'varchar' }) soldBy!: SoldBy;
  @Column({ name: 'temperature_class', type: 'varchar' }) temperatureClass!: TemperatureClass;
  @Column({ name: 'shelf_life_days', type: 'int' }) shelfLifeDays!: number;
  @Column({ name: 'min_shelf_life_days_at_delivery', type: 'int' }) minShelfLifeDaysAtDelivery!: number;
  @Column({ type: 'int' }) version!: number;
}
