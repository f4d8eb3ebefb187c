import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A bin in a room, labelled with a barcode the scanner reads. */
@Entity('location')
export class Location {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'room_id', type: 'varchar' }) roomId!: string;
  @Column({ type: 'varchar' }) barcode!: string;
}
