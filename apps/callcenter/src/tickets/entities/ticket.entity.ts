import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TicketKind, TicketResolution, TicketStatus } from '../domain/ticket-rules';

const jsonList = {
  to: (value: string[]) => JSON.stringify(value),
  from: (value: string) => JSON.parse(value) as string[],
};

@Entity('ticket')
export class Ticket {
  @PrimaryColumn({ type: 'char' }) id!: string;
  @Column({ name: 'customer_id', type: 'varchar' }) customerId!: string;
  @Column({ name: 'call_id', type: 'varchar', nullable: true }) callId!: string | null;
  @Column({ name: 'order_id', type: 'varchar', nullable: true }) orderId!: string | null;
  @Column({ type: 'varchar' }) kind!: TicketKind;
  @Column({ type: 'varchar' }) description!: string;
  /** Photos held by the images service, by id. */
  @Column({ name: 'image_ids', type: 'text', transformer: jsonList }) imageIds!: string[];
  @Column({ type: 'varchar' }) status!: TicketStatus;
  @Column({ type: 'varchar', nullable: true }) resolution!: TicketResolution | null;
  @Column({ name: 'resolution_amount_fen', type: 'int', nullable: true }) resolutionAmountFen!: number | null;
  @Column({ name: 'resolution_note', type: 'varchar', nullable: true }) resolutionNote!: string | null;
  @Column({ name: 'opened_by', type: 'varchar' }) openedBy!: string;
  @Column({ name: 'opened_at', type: 'datetime', precision: 3 }) openedAt!: Date;
  @Column({ name: 'sla_due_at', type: 'datetime', precision: 3 }) slaDueAt!: Date;
  @Column({ name: 'resolved_by', type: 'varchar', nullable: true }) resolvedBy!: string | null;
  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true }) resolvedAt!: Date | null;
}
