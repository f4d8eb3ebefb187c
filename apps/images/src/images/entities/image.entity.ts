import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ImageType } from '../domain/image-type';

/** One uploaded image, identified by its bytes: the id is the first 24 hex digits of its SHA-256. */
@Entity('image')
export class Image {
  @PrimaryColumn({ type: 'char', length: 24 })
  id!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 8 })
  format!: ImageType;

  @Column({ type: 'int', unsigned: true })
  width!: number;

  @Column({ type: 'int', unsigned: true })
  height!: number;

  /** Size of the upload as received. */
  @Column({ name: 'upload_bytes', type: 'int', unsigned: true })
  uploadBytes!: number;

  /** The original with EXIF removed, as stored. */
  @Column({ name: 'original_object_id', type: 'varchar', length: 191 })
  originalObjectId!: string;

  @Column({ name: 'original_bytes', type: 'int', unsigned: true })
  originalBytes!: number;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 191 })
  uploadedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
