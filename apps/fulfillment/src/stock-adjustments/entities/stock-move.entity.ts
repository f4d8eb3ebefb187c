import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Units of a lot moved from one bin to another (the center's count is unchanged). */
@Entity('stock_move')
export class StockMove {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'lot_id', type: 'varchar' }) lotId!: string;
  @Column({ name: 'from_location_id', type: 'varchar' }) fromLocationId!: string;
  @Column({ name: 'to_location_id', type: 'varchar' }) toLocationId!: string;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ name: 'moved_by', type: 'varchar' }) movedBy!: string;
  @Column({ name: 'moved_at', type: 'datetime', precision: 3 }) movedAt!: Date;
}
