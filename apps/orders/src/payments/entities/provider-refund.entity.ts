import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProviderRefundStatus } from '../domain/refund-rules';

/**
 * Money sent back through the provider that took it. For an order refund the id is the order_refund's
 * (order.refunded's refundId), so a redelivered event finds it; out_refund_no is unique and stable, so the
 * provider refunds it once however often it is sent.
 */
@Entity('provider_refund')
export class ProviderRefund {
  @PrimaryColumn({ type: 'char' }) id!: string;
  @Column({ name: 'payment_id', type: 'char' }) paymentId!: string;
  @Column({ name: 'order_id', type: 'char' }) orderId!: string;
  @Column({ name: 'out_refund_no', type: 'varchar' }) outRefundNo!: string;
  @Column({ name: 'amount_fen', type: 'int' }) amountFen!: number;
  @Column({ type: 'varchar' }) reason!: string;
  @Column({ type: 'varchar' }) status!: ProviderRefundStatus;
  @Column({ type: 'int' }) attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 }) nextAttemptAt!: Date;
  @Column({ name: 'provider_refund_no', type: 'varchar', nullable: true }) providerRefundNo!: string | null;
  /** The last reason a send did not settle it (provider down, its refusal code). */
  @Column({ name: 'last_error', type: 'varchar', nullable: true }) lastError!: string | null;
  @Column({ name: 'requested_by', type: 'varchar' }) requestedBy!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;
}
