import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A stored file no image refers to any more, waiting for the GC job to delete it: queued in the same
 * transaction that deletes an image, or when an upload stored files but could not record them.
 */
@Entity('orphan_object')
export class OrphanObject {
  @PrimaryColumn({ name: 'object_id', type: 'varchar', length: 191 })
  objectId!: string;

  @Column({ type: 'int', unsigned: true, default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'queued_at', type: 'datetime', precision: 3 })
  queuedAt!: Date;
}
