import type { TemperatureClass } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Pick tasks of one center, delivery slot and temperature zone; pick_rank puts frozen last. */
@Entity('wave')
export class Wave {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  @Column({ name: 'slot_date', type: 'date' }) slotDate!: string;
  @Column({ name: 'window_start', type: 'varchar' }) windowStart!: string;
  @Column({ name: 'temperature_class', type: 'varchar' }) temperatureClass!: TemperatureClass;
  @Column({ name: 'pick_rank', type: 'int' }) pickRank!: number;
}
