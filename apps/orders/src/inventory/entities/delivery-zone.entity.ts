import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A delivery zone and the fulfillment center that serves it. */
@Entity('delivery_zone')
export class DeliveryZone {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'fulfillment_center_id', type: 'varchar' }) fulfillmentCenterId!: string;
  /** What a basket checkout to this zone pays for delivery, in fen. */
  @Column({ name: 'delivery_fee_fen', type: 'int' }) deliveryFeeFen!: number;
  /** Goods worth at least this (fen) are delivered free; null: never free. */
  @Column({ name: 'free_delivery_from_fen', type: 'int', nullable: true }) freeDeliveryFromFen!:
    number | null;
}
