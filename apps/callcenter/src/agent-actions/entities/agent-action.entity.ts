import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AGENT_ACTIONS = ['place_order', 'cancel_order', 'refund_order'] as const;
export type AgentActionKind = (typeof AGENT_ACTIONS)[number];

/** The audit trail of what agents did through orders: who, when, in which call, to which order. */
@Entity('agent_action')
export class AgentAction {
  @PrimaryColumn({ type: 'char' }) id!: string;
  @Column({ name: 'agent_id', type: 'varchar' }) agentId!: string;
  @Column({ name: 'call_id', type: 'varchar' }) callId!: string;
  @Column({ type: 'varchar' }) action!: AgentActionKind;
  @Column({ name: 'customer_id', type: 'varchar', nullable: true }) customerId!: string | null;
  @Column({ name: 'order_id', type: 'varchar', nullable: true }) orderId!: string | null;
  @Column({ name: 'idempotency_key', type: 'varchar', nullable: true }) idempotencyKey!: string | null;
  /** What orders answered (amounts, status), as JSON: enough to read the trail without asking orders. */
  @Column({ type: 'text' }) detail!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
}
