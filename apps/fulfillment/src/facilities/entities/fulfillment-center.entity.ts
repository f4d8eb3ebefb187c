import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('fulfillment_center')
export class FulfillmentCenter {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'varchar' }) name!: string;
}
