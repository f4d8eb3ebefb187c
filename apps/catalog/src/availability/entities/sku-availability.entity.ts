import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Units (or grams) available of a SKU at one fulfillment center, as last announced by inventory.stock-changed. */
@Entity('sku_availability')
export class SkuAvailability {
  @PrimaryColumn({ name: 'sku_id', type: 'varchar', length: 64 })
  skuId!: string;

  @PrimaryColumn({ name: 'fulfillment_center_id', type: 'varchar', length: 64 })
  fulfillmentCenterId!: string;

  @Column({ type: 'int', unsigned: true })
  available!: number;

  /** The stock event's version; an older event than this one is ignored. */
  @Column({
    type: 'bigint',
    unsigned: true,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  version!: number;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
