import type { TemperatureClass } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '../../shared/decimal-transformer';

/** A room out of range for longer than the configured duration; ended when a reading is back in range. */
@Entity('excursion')
export class Excursion {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'room_id', type: 'varchar' }) roomId!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'temperature_class', type: 'varchar' }) temperatureClass!: TemperatureClass;
  @Column({ name: 'out_of_range_since', type: 'datetime', precision: 3 }) outOfRangeSince!: Date;
  @Column({ name: 'detected_at', type: 'datetime', precision: 3 }) detectedAt!: Date;
  @Column({ name: 'ended_at', type: 'datetime', precision: 3, nullable: true }) endedAt!: Date | null;
  @Column({ name: 'last_celsius', type: 'decimal', precision: 5, scale: 2, transformer: decimalTransformer })
  lastCelsius!: number;
  @Column({ name: 'lots_held', type: 'int' }) lotsHeld!: number;
}
