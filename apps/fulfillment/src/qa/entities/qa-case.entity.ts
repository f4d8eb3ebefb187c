import { Column, Entity, PrimaryColumn } from 'typeorm';

/** QA's case for one excursion: open until every lot it held is released or discarded. */
@Entity('qa_case')
export class QaCase {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'excursion_id', type: 'varchar' }) excursionId!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'room_id', type: 'varchar' }) roomId!: string;
  @Column({ type: 'varchar' }) status!: 'open' | 'closed';
  @Column({ name: 'opened_at', type: 'datetime', precision: 3 }) openedAt!: Date;
  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true }) closedAt!: Date | null;
}
