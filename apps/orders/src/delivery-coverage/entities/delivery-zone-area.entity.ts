import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A district (six-digit administrative division code) and the delivery zone serving it; one zone per district. */
@Entity('delivery_zone_area')
export class DeliveryZoneArea {
  @PrimaryColumn({ name: 'area_code', type: 'char' }) areaCode!: string;
  @Column({ name: 'zone_id', type: 'varchar' }) zoneId!: string;
}
