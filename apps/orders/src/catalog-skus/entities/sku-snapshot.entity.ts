import type { SoldBy, TemperatureClass } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Orders' local copy of a sellable SKU, kept current from catalog.sku-changed (never a call to catalog). */
@Entity('sku_snapshot')
export class SkuSnapshot {
  @PrimaryColumn({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @Column({ name: 'product_id', type: 'varchar' }) productId!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'category_id', type: 'varchar' }) categoryId!: string;
  @Column({ type: 'varchar' }) status!: 'draft' | 'active' | 'archived';
  @Column({ name: 'sold_by', type: 'varchar' }) soldBy!: SoldBy;
  /** Per piece, or per 500 g for a weighed SKU. */
  @Column({ name: 'price_fen', type: 'int' }) priceFen!: number;
  @Column({ name: 'temperature_class', type: 'varchar' }) temperatureClass!: TemperatureClass;
  @Column({ name: 'shelf_life_days', type: 'int' }) shelfLifeDays!: number;
  @Column({ name: 'min_shelf_life_days_at_delivery', type: 'int' }) minShelfLifeDaysAtDelivery!: number;
  @Column({ type: 'int' }) version!: number;
}
