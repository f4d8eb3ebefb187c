import type { TemperatureClass } from '@harvest/contracts/produce';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The column holds the classes comma-separated (a SET-like varchar). */
export const temperatureClassList = {
  to: (classes: TemperatureClass[]) => classes.join(','),
  from: (stored: string) => (stored ? stored.split(',') : []) as TemperatureClass[],
};

/** A cold-storage fulfillment center and the temperature classes its rooms can hold and ship. */
@Entity('fulfillment_center')
export class FulfillmentCenter {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'temperature_classes', type: 'varchar', transformer: temperatureClassList })
  temperatureClasses!: TemperatureClass[];
}
