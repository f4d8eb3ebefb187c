import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A customer: `id` is the stable subject the issuers put in `sub`. The row is made at the phone's first
 * sign-in, or at the first authenticated call of a customer who signed in otherwise (no phone then). The
 * phone number is stored here and nowhere else (personal data: masked in responses, never logged).
 */
@Entity('customer')
export class Customer {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 20, unique: true, nullable: true })
  phone!: string | null;

  /** scrypt, self-describing (see customers/domain/password-hash.ts); null until the customer sets one. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
