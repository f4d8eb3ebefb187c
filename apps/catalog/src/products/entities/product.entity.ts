import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

@Entity('product')
export class Product {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** Chinese display name. */
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Toneless pinyin syllables separated by spaces ("hong fu shi ping guo"), generated from the name. */
  @Column({ name: 'name_pinyin', type: 'varchar', length: 700 })
  namePinyin!: string;

  @Column({ name: 'name_pinyin_compact', type: 'varchar', length: 700 })
  namePinyinCompact!: string;

  /** First letters of the syllables ("hfspg"), how people type a name quickly. */
  @Column({ name: 'name_initials', type: 'varchar', length: 100 })
  nameInitials!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Column({ name: 'category_id', type: 'varchar', length: 64 })
  categoryId!: string;

  @Column({ name: 'farm_id', type: 'varchar', length: 64 })
  farmId!: string;

  @Column({ type: 'boolean' })
  organic!: boolean;

  @Column({ name: 'organic_certificate_no', type: 'varchar', length: 64, nullable: true })
  organicCertificateNo!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ProductStatus;

  /** Ids issued by the images service. */
  @Column({ name: 'image_ids', type: 'json' })
  imageIds!: string[];

  @Column({ name: 'min_price_fen', type: 'int', unsigned: true, nullable: true })
  minPriceFen!: number | null;

  /** Row version for optimistic concurrency (the ETag); bumped by every admin change. */
  @Column({ type: 'int', unsigned: true })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  /** Bumped with every change of what the search document holds; the document's external version. */
  @Column({
    name: 'search_version',
    type: 'bigint',
    unsigned: true,
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  searchVersion!: number;

  /** Last change of anything the search document holds (product, SKUs, availability); a reindex replays later ones. */
  @Column({ name: 'search_changed_at', type: 'datetime', precision: 3 })
  searchChangedAt!: Date;
}
