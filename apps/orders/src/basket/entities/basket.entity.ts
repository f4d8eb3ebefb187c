import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A customer's basket, server-side so it follows them from phone to web. It holds the chosen address's id
 * and zone (identity owns the address itself), never the address.
 */
@Entity('basket')
export class Basket {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar' }) customerId!: string;
  @Column({ name: 'address_id', type: 'char', nullable: true }) addressId!: string | null;
  @Column({ name: 'zone_id', type: 'varchar', nullable: true }) zoneId!: string | null;
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;
}
