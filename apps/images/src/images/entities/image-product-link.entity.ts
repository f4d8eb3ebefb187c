import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Which products show an image (product ids are the catalog's; no foreign key across services). */
@Entity('image_product_link')
export class ImageProductLink {
  @PrimaryColumn({ name: 'image_id', type: 'char', length: 24 })
  imageId!: string;

  @PrimaryColumn({ name: 'product_id', type: 'varchar', length: 64 })
  productId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
