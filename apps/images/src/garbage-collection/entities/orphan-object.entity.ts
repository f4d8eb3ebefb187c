import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A stored file no image refers to, waiting for the GC job to delete it: queued in the transaction that
 * deletes an image, and by an upload as soon as it has stored a file (its image row claims the file when
 * the upload commits, so a crash in between leaves a row here rather than an untracked file).
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

  /** Not before: an upload in progress holds its files this long before GC may take them. */
  @Column({ name: 'collect_after', type: 'datetime', precision: 3 })
  collectAfter!: Date;
}
