import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../../shared/decimal-transformer';

/** The time series: one row per sensor reading (a redelivered reading is the same row). */
@Entity('temperature_reading')
export class TemperatureReading {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'room_id', type: 'varchar' }) roomId!: string;
  @Column({ name: 'sensor_id', type: 'varchar' }) sensorId!: string;
  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 }) recordedAt!: Date;
  @Column({ type: 'decimal', precision: 5, scale: 2, transformer: decimalTransformer }) celsius!: number;
}
