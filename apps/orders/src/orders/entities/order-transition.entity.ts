import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The audit trail: every state change of an order, with who made it and why. */
@Entity('order_transition')
export class OrderTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'order_id', type: 'char' }) orderId!: string;
  @Column({ name: 'from_status', type: 'varchar', nullable: true }) fromStatus!: string | null;
  @Column({ name: 'to_status', type: 'varchar' }) toStatus!: string;
  /** "system", "customer:<id>", "agent:<id>", "admin:<id>", "payment:<provider ref>", "fulfillment:<who>". */
  @Column({ type: 'varchar' }) actor!: string;
  @Column({ type: 'varchar' }) reason!: string;
  @Column({ name: 'call_id', type: 'varchar', nullable: true }) callId!: string | null;
  @Column({ type: 'datetime', precision: 3 }) at!: Date;
}
