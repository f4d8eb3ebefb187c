import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The code a phone has outstanding, keyed by the phone's keyed digest (no number here) and holding only the
 * code's keyed digest. One row per phone: a new send replaces the code; a used or voided code leaves
 * `code_digest` null; the row also carries the phone's lock after too many wrong codes.
 */
@Entity('phone_code')
export class PhoneCode {
  @PrimaryColumn({ name: 'phone_digest', type: 'char', length: 64 })
  phoneDigest!: string;

  @Column({ name: 'code_digest', type: 'char', length: 64, nullable: true })
  codeDigest!: string | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'failed_attempts', type: 'int', unsigned: true, default: 0 })
  failedAttempts!: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;
}
