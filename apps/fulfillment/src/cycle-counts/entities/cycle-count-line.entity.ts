import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One lot of a count: what the bin held when it was counted, and what the counter found. */
@Entity('cycle_count_line')
export class CycleCountLine {
  @PrimaryColumn({ name: 'cycle_count_id', type: 'char', length: 36 }) cycleCountId!: string;
  @PrimaryColumn({ name: 'lot_id', type: 'varchar' }) lotId!: string;
  @Column({ type: 'int' }) expected!: number;
  @Column({ type: 'int' }) counted!: number;
}
