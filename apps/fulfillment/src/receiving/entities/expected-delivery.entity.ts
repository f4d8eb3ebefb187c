import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ExpectedDeliveryStatus = 'open' | 'closed';

/** An advance shipping notice: what one of our farms says it will deliver to a center, and on which day. */
@Entity('expected_delivery')
export class ExpectedDelivery {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'farm_id', type: 'varchar' }) farmId!: string;
  /** The farm's own delivery-note number, when it gives one. */
  @Column({ type: 'varchar', nullable: true }) reference!: string | null;
  @Column({ name: 'expected_on', type: 'date' }) expectedOn!: string;
  @Column({ type: 'varchar' }) status!: ExpectedDeliveryStatus;
  @Column({ name: 'created_by', type: 'varchar' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'varchar', nullable: true }) closedBy!: string | null;
}
