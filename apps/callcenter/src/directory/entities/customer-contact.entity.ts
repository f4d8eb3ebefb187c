import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The customer contact directory: the only place phone numbers are kept (E.164). */
@Entity('customer_contact')
export class CustomerContact {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar' }) customerId!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ name: 'phone_e164', type: 'varchar' }) phoneE164!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3, insert: false, update: false })
  createdAt!: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 3, insert: false, update: false })
  updatedAt!: Date;
}
