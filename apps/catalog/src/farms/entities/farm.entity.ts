import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of our own farms, the origin of a product (a first-class search facet). */
@Entity('farm')
export class Farm {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  region!: string;
}
