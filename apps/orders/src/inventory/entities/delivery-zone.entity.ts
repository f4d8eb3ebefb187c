import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A delivery zone and the fulfillment center that serves it. */
@Entity('delivery_zone')
export class DeliveryZone {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
}
