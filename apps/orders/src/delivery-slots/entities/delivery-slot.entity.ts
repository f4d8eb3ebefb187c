import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A delivery window in a zone on a date, with a capacity (orders) and a cut-off for booking. */
@Entity('delivery_slot')
export class DeliverySlot {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'zone_id', type: 'varchar' }) zoneId!: string;
  /** Local (Asia/Shanghai) date, YYYY-MM-DD. */
  @Column({ name: 'delivery_date', type: 'date' }) deliveryDate!: string;
  @Column({ name: 'window_start', type: 'char' }) windowStart!: string;
  @Column({ name: 'window_end', type: 'char' }) windowEnd!: string;
  @Column({ name: 'starts_at', type: 'datetime', precision: 3 }) startsAt!: Date;
  @Column({ name: 'cutoff_at', type: 'datetime', precision: 3 }) cutoffAt!: Date;
  @Column({ type: 'int' }) capacity!: number;
  @Column({ type: 'int' }) booked!: number;
}
