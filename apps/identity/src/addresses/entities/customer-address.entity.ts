import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One address of a customer's address book: personal data, kept here only (orders asks for it when an order
 * is placed from the basket). Never edited in place: a changed address is a new one, so an address an order
 * or basket names keeps meaning what the customer chose.
 */
@Entity('customer_address')
export class CustomerAddress {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ name: 'customer_id', type: 'char', length: 36 }) customerId!: string;
  @Column({ type: 'varchar', length: 100 }) recipient!: string;
  /** The district's administrative division code (GB/T 2260, six digits): what the delivery zone is found by. */
  @Column({ name: 'area_code', type: 'char', length: 6 }) areaCode!: string;
  @Column({ type: 'varchar', length: 100 }) city!: string;
  @Column({ type: 'varchar', length: 300 }) street!: string;
  /** The delivery zone serving the area code when the address was saved (orders' coverage). */
  @Column({ name: 'zone_id', type: 'varchar', length: 64 }) zoneId!: string;
  @Column({ name: 'is_default', type: 'boolean' }) isDefault!: boolean;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
}
