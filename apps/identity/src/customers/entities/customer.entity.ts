import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A customer's sign-in identity. `id` is the stable subject the issuers put in `sub`; the phone number is
 * stored here and nowhere else (personal data: masked in responses, never logged).
 */
@Entity('customer')
export class Customer {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 20, unique: true })
  phone!: string;

  /** scrypt, self-describing (see customers/domain/password-hash.ts); null until the customer sets one. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
