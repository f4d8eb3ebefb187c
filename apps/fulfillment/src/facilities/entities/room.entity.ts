import type { TemperatureClass } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '../../shared/decimal-transformer';

/** A cold room of a center: its class decides what may be stored in it; a segmented one can switch class. */
@Entity('room')
export class Room {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'temperature_class', type: 'varchar' }) temperatureClass!: TemperatureClass;
  @Column({
    name: 'setpoint_celsius',
    type: 'decimal',
    precision: 5,
    scale: 2,
    transformer: decimalTransformer,
  })
  setpointCelsius!: number;
  @Column({ type: 'boolean' }) segmented!: boolean;
  /** Telemetry state: first reading of the current out-of-range run. */
  @Column({ name: 'out_of_range_since', type: 'datetime', precision: 3, nullable: true })
  outOfRangeSince!: Date | null;
  @Column({ name: 'last_reading_at', type: 'datetime', precision: 3, nullable: true })
  lastReadingAt!: Date | null;
  @Column({ name: 'open_excursion_id', type: 'varchar', nullable: true }) openExcursionId!: string | null;
}
