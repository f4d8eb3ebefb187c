import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Stock of one lot in one bin; `allocated` is promised to pick tasks and still on hand. */
@Entity('lot_stock')
export class LotStock {
  @PrimaryColumn({ name: 'lot_id', type: 'varchar' }) lotId!: string;
  @PrimaryColumn({ name: 'location_id', type: 'varchar' }) locationId!: string;
  @Column({ name: 'on_hand', type: 'int' }) onHand!: number;
  @Column({ type: 'int' }) allocated!: number;
}
