import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QaDecision } from '../domain/qa-case-rules';

/** A lot an excursion held, and QA's decision on it. */
@Entity('qa_case_lot')
export class QaCaseLot {
  @PrimaryColumn({ name: 'qa_case_id', type: 'char', length: 36 }) qaCaseId!: string;
  @PrimaryColumn({ name: 'lot_id', type: 'varchar' }) lotId!: string;
  @Column({ type: 'varchar', nullable: true }) decision!: QaDecision | null;
  @Column({ type: 'varchar', nullable: true }) reason!: string | null;
  @Column({ name: 'decided_by', type: 'varchar', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true }) decidedAt!: Date | null;
}
