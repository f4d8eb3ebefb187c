import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ImportRowError {
  /** 1-based data row number (the header is row 0). */
  row: number;
  field: string;
  message: string;
}

/** One CSV import: progress an admin can poll, and the rows that were refused with the reason. */
@Entity('import_job')
export class ImportJob {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'running' | 'done' | 'failed';

  @Column({ type: 'int', unsigned: true })
  total!: number;

  @Column({ type: 'int', unsigned: true })
  processed!: number;

  @Column({ type: 'int', unsigned: true })
  succeeded!: number;

  @Column({ type: 'int', unsigned: true })
  failed!: number;

  @Column({ type: 'json' })
  errors!: ImportRowError[];

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;
}
