import type { SoldBy, TemperatureClass } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SkuStatus = 'active' | 'archived';

/** A sellable unit of a product. SKUs are never deleted (orders refer to them); a removed one is archived. */
@Entity('sku')
export class Sku {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'product_id', type: 'varchar', length: 64 })
  productId!: string;

  /** Pack label shown after the product name, e.g. "500g 装" or "单颗". */
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'sold_by', type: 'varchar', length: 8 })
  soldBy!: SoldBy;

  /** Integer fen, per piece or per 500 g when sold by weight. */
  @Column({ name: 'price_fen', type: 'int', unsigned: true })
  priceFen!: number;

  @Column({ name: 'temperature_class', type: 'varchar', length: 8 })
  temperatureClass!: TemperatureClass;

  @Column({ name: 'shelf_life_days', type: 'smallint', unsigned: true })
  shelfLifeDays!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: SkuStatus;

  /** Bumped with every catalog.sku-changed event for this SKU, so consumers can drop older states. */
  @Column({ type: 'int', unsigned: true })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
