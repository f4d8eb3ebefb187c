import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PaymentStatus } from '../domain/payment-rules';

/**
 * The audit trail of a payment: every change of its state, who caused it (`customer:<id>`,
 * `provider:<channel>` for a verified notification, `system:payment-query`), when, and the provider's
 * reference. A notification's id is unique per payment, so a replayed or resent notification writes nothing.
 */
@Entity('payment_event')
export class PaymentEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'payment_id', type: 'char' }) paymentId!: string;
  @Column({ name: 'from_status', type: 'varchar', nullable: true }) fromStatus!: PaymentStatus | null;
  @Column({ name: 'to_status', type: 'varchar' }) toStatus!: PaymentStatus;
  @Column({ type: 'varchar' }) actor!: string;
  @Column({ name: 'provider_reference', type: 'varchar', nullable: true }) providerReference!: string | null;
  @Column({ name: 'notification_id', type: 'varchar', nullable: true }) notificationId!: string | null;
  @Column({ type: 'varchar', nullable: true }) detail!: string | null;
  @Column({ type: 'datetime', precision: 3 }) at!: Date;
}
