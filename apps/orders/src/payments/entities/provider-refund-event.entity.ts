import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProviderRefundStatus } from '../domain/refund-rules';

/** The audit trail of a provider refund: each state, who caused it, when, and the provider's reference. */
@Entity('provider_refund_event')
export class ProviderRefundEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'refund_id', type: 'char' }) refundId!: string;
  @Column({ name: 'from_status', type: 'varchar', nullable: true }) fromStatus!: ProviderRefundStatus | null;
  @Column({ name: 'to_status', type: 'varchar' }) toStatus!: ProviderRefundStatus;
  @Column({ type: 'varchar' }) actor!: string;
  @Column({ name: 'provider_reference', type: 'varchar', nullable: true }) providerReference!: string | null;
  @Column({ type: 'varchar', nullable: true }) detail!: string | null;
  @Column({ type: 'datetime', precision: 3 }) at!: Date;
}
