import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VariantFormat, VariantPreset } from '../../variants/domain/variant-presets';

/** One rendered size of an image in one format, stored beside the original. */
@Entity('image_variant')
export class ImageVariant {
  @PrimaryColumn({ name: 'image_id', type: 'char', length: 24 })
  imageId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  preset!: VariantPreset;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  format!: VariantFormat;

  @Column({ name: 'object_id', type: 'varchar', length: 191 })
  objectId!: string;

  @Column({ type: 'int', unsigned: true })
  width!: number;

  @Column({ type: 'int', unsigned: true })
  height!: number;

  @Column({ type: 'int', unsigned: true })
  bytes!: number;
}
