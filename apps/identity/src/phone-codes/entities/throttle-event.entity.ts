import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Kinds of events the sign-in throttles count. */
export type ThrottleKind = 'send-phone' | 'send-address' | 'fail-address' | 'fail-phone';

/**
 * One counted event (a code sent to a phone, a code asked for from an address, a failed verification), keyed by
 * a keyed digest of the phone or address. Rows older than the longest window are deleted as new ones come.
 */
@Entity('throttle_event')
@Index('idx_throttle_event_key', ['kind', 'keyDigest', 'at'])
@Index('idx_throttle_event_at', ['at'])
export class ThrottleEvent {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ThrottleKind;

  @Column({ name: 'key_digest', type: 'char', length: 64 })
  keyDigest!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;
}
