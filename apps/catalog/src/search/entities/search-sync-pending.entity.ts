import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A product whose search document could not be written (Elasticsearch away); the catch-up job drains these. */
@Entity('search_sync_pending')
export class SearchSyncPending {
  @PrimaryColumn({ name: 'product_id', type: 'varchar', length: 64 })
  productId!: string;

  @Column({ name: 'queued_at', type: 'datetime', precision: 3 })
  queuedAt!: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
