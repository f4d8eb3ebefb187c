import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ORDER_STATUSES = [
  'awaiting',
  'allocated',
  'picked',
  'short_picked',
  'packed',
  'shipped',
  'delivered',
  'cancelled',
] as const;
export type FulfillmentOrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Fulfillment's copy of an order: order.placed brings the lines and slot, order.paid the go-ahead (the two
 * may arrive in either order, so both are recorded and allocation runs once both are in).
 */
@Entity('fulfillment_order')
export class FulfillmentOrder {
  @PrimaryColumn({ name: 'order_id', type: 'varchar' }) orderId!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ type: 'varchar' }) status!: FulfillmentOrderStatus;
  @Column({ name: 'slot_id', type: 'varchar', nullable: true }) slotId!: string | null;
  @Column({ name: 'slot_date', type: 'date', nullable: true }) slotDate!: string | null;
  @Column({ name: 'window_start', type: 'varchar', nullable: true }) windowStart!: string | null;
  @Column({ name: 'window_end', type: 'varchar', nullable: true }) windowEnd!: string | null;
  @Column({ type: 'boolean' }) placed!: boolean;
  @Column({ name: 'paid_at', type: 'datetime', precision: 3, nullable: true }) paidAt!: Date | null;
  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true }) cancelledAt!: Date | null;
  @Column({ name: 'picked_at', type: 'datetime', precision: 3, nullable: true }) pickedAt!: Date | null;
  @Column({ name: 'picked_by', type: 'varchar', nullable: true }) pickedBy!: string | null;
  @Column({ name: 'packed_at', type: 'datetime', precision: 3, nullable: true }) packedAt!: Date | null;
  @Column({ name: 'shipped_at', type: 'datetime', precision: 3, nullable: true }) shippedAt!: Date | null;
  @Column({ name: 'delivered_at', type: 'datetime', precision: 3, nullable: true }) deliveredAt!: Date | null;
  @Column({ type: 'varchar', nullable: true }) carrier!: string | null;
  @Column({ name: 'tracking_number', type: 'varchar', nullable: true }) trackingNumber!: string | null;
}
