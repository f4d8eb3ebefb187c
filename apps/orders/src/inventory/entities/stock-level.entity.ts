import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Stock of one SKU at one fulfillment center: units for piece SKUs, grams for weighed SKUs. Only
 * conditional UPDATEs change it (see InventoryService), so concurrent checkouts can never oversell.
 */
@Entity('stock_level')
export class StockLevel {
  @PrimaryColumn({ name: 'sku_id', type: 'varchar' }) skuId!: string;
  @PrimaryColumn({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'on_hand', type: 'int' }) onHand!: number;
  @Column({ type: 'int' }) reserved!: number;
  @Column({ type: 'int' }) version!: number;
}
