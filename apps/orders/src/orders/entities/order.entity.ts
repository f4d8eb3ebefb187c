import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderStatus } from '../domain/order-state-machine';

export interface DeliveryAddress {
  zoneId: string;
  recipient: string;
  phone: string;
  city: string;
  street: string;
}

const json = {
  to: (value: unknown) => JSON.stringify(value),
  from: (stored: string) => JSON.parse(stored) as unknown,
};

/** An order (table customer_order: ORDER is reserved). One per (customer, Idempotency-Key). */
@Entity('customer_order')
export class Order {
  @PrimaryColumn({ type: 'char' }) id!: string;
  @Column({ name: 'customer_id', type: 'varchar' }) customerId!: string;
  @Column({ name: 'idempotency_key', type: 'varchar' }) idempotencyKey!: string;
  /** SHA-256 of the checkout request, to tell a retry (same body) from a reused key (another body). */
  @Column({ name: 'request_hash', type: 'char' }) requestHash!: string;
  @Column({ type: 'varchar' }) status!: OrderStatus;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'zone_id', type: 'varchar' }) zoneId!: string;
  @Column({ name: 'slot_id', type: 'varchar' }) slotId!: string;
  @Column({ type: 'text', transformer: json }) address!: DeliveryAddress;
  /** What the customer pays: the lines plus deliveryFeeFen. */
  @Column({ name: 'total_fen', type: 'int' }) totalFen!: number;
  /** The zone's delivery fee charged at checkout (0 when waived, and for a line-list checkout). */
  @Column({ name: 'delivery_fee_fen', type: 'int' }) deliveryFeeFen!: number;
  /** The address-book entry (identity) a basket checkout delivered to; null for a line-list checkout. */
  @Column({ name: 'address_id', type: 'char', nullable: true }) addressId!: string | null;
  @Column({ name: 'paid_fen', type: 'int' }) paidFen!: number;
  @Column({ name: 'refunded_fen', type: 'int' }) refundedFen!: number;
  @Column({ name: 'payment_id', type: 'varchar', nullable: true }) paymentId!: string | null;
  @Column({ name: 'payment_due_at', type: 'datetime', precision: 3 }) paymentDueAt!: Date;
  @Column({ name: 'placed_by_agent_id', type: 'varchar', nullable: true }) placedByAgentId!: string | null;
  @Column({ name: 'call_id', type: 'varchar', nullable: true }) callId!: string | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;
}

export const jsonColumn = json;
