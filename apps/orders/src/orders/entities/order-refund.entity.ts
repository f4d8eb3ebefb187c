import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonColumn } from './order.entity';

export interface RefundLine {
  skuId: string;
  amountFen: number;
}

/** Money returned on an order. source_key is unique per order, so a retried refund never pays twice. */
@Entity('order_refund')
export class OrderRefund {
  @PrimaryColumn({ type: 'char' }) id!: string;
  @Column({ name: 'order_id', type: 'char' }) orderId!: string;
  /** The Idempotency-Key of an agent's refund, or "<reason>:<eventId>" for one the system makes. */
  @Column({ name: 'source_key', type: 'varchar' }) sourceKey!: string;
  @Column({ name: 'amount_fen', type: 'int' }) amountFen!: number;
  @Column({ type: 'varchar' }) reason!: string;
  @Column({ type: 'varchar', nullable: true }) note!: string | null;
  @Column({ name: 'refund_lines', type: 'text', transformer: jsonColumn }) lines!: RefundLine[];
  @Column({ type: 'varchar' }) actor!: string;
  @Column({ name: 'call_id', type: 'varchar', nullable: true }) callId!: string | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
}
