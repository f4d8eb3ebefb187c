import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A node of the category tree; `path` lists the ancestors and itself ("/fruit/apples/") for subtree queries. */
@Entity('category')
export class Category {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 64, nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 700 })
  path!: string;

  /** Shelf life a customer must still have at delivery for SKUs in this category (leafy greens: 2 days). */
  @Column({ name: 'min_shelf_life_days_at_delivery', type: 'smallint', unsigned: true })
  minShelfLifeDaysAtDelivery!: number;

  @Column({ type: 'int', unsigned: true })
  version!: number;
}
