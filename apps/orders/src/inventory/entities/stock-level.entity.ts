import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What orders knows of one SKU at one fulfillment center: `sellable`, fulfillment's latest count (physical
 * stock not on hold nor expired), and `reserved`, units of placed or paid lines not yet picked nor released.
 * Units are pieces, or grams for a weighed SKU. Only conditional UPDATEs change it (see InventoryService), so
 * concurrent checkouts can never reserve more than is sellable.
 */
@Entity('stock_level')
export class StockLevel {
  @PrimaryColumn({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @PrimaryColumn({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ type: 'int' }) sellable!: number;
  /** Version of the fulfillment.stock-counted the count came from; 0 for a baseline (demo seed, admin). */
  @Column({ name: 'sellable_version', type: 'int' }) sellableVersion!: number;
  @Column({ type: 'int' }) reserved!: number;
  /** Orders' own version of the level, carried by inventory.stock-changed. */
  @Column({ type: 'int' }) version!: number;
}
