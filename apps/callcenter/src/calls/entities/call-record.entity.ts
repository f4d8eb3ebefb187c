import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CallStatus } from '../domain/call-state';

/** A call as we know it from webhooks, click-to-call and reconciliation. No recording link: those expire. */
@Entity('call_record')
export class CallRecord {
  @PrimaryColumn({ name: 'call_id', type: 'varchar' }) callId!: string;
  @Column({ type: 'varchar' }) vendor!: string;
  @Column({ type: 'varchar' }) direction!: 'inbound' | 'outbound';
  @Column({ type: 'varchar' }) status!: CallStatus;
  @Column({ name: 'customer_number', type: 'varchar', nullable: true }) customerNumber!: string | null;
  @Column({ name: 'customer_id', type: 'varchar', nullable: true }) customerId!: string | null;
  @Column({ name: 'agent_id', type: 'varchar', nullable: true }) agentId!: string | null;
  @Column({ name: 'started_at', type: 'datetime', precision: 3 }) startedAt!: Date;
  @Column({ name: 'answered_at', type: 'datetime', precision: 3, nullable: true }) answeredAt!: Date | null;
  @Column({ name: 'ended_at', type: 'datetime', precision: 3, nullable: true }) endedAt!: Date | null;
  @Column({ name: 'duration_seconds', type: 'int', nullable: true }) durationSeconds!: number | null;
  @Column({ name: 'has_recording', type: 'boolean' }) hasRecording!: boolean;
  /** What first told us about the call: webhook, click_to_call or reconciliation. */
  @Column({ type: 'varchar' }) source!: 'webhook' | 'click_to_call' | 'reconciliation';
}
