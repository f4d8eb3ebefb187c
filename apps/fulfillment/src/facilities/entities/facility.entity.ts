import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A fulfillment center as this service sees it: the building whose rooms and bins hold stock. (Orders keeps
 * its own view of the same centers, with zones and the classes they can sell.)
 */
@Entity('fulfillment_center')
export class Facility {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'varchar' }) name!: string;
}
