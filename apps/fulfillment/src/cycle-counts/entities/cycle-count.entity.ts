import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CountStatus } from '../domain/count-rules';

/** A blind count of one bin: applied at once, or waiting for a supervisor when its variance is large. */
@Entity('cycle_count')
export class CycleCount {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'location_id', type: 'varchar' }) locationId!: string;
  @Column({ type: 'varchar' }) status!: CountStatus;
  @Column({ name: 'expected_units', type: 'int' }) expectedUnits!: number;
  @Column({ name: 'counted_units', type: 'int' }) countedUnits!: number;
  @Column({ name: 'variance_units', type: 'int' }) varianceUnits!: number;
  @Column({ name: 'counted_by', type: 'varchar' }) countedBy!: string;
  @Column({ name: 'counted_at', type: 'datetime', precision: 3 }) countedAt!: Date;
  @Column({ name: 'decided_by', type: 'varchar', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decision_note', type: 'varchar', nullable: true }) decisionNote!: string | null;
}
