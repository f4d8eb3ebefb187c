import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { ThrottleEvent, type ThrottleKind } from '../phone-codes/entities/throttle-event.entity';
import { keyedDigest } from './domain/keyed-digest';
import { secondsUntilAllowed, type ThrottleLimit } from './domain/throttle';

/** Longest window any throttle looks back (an hour); older events are deleted. */
const KEEP_SECONDS = 3600;

/**
 * The sign-in throttles' counts in MySQL (the one store `npm start` has too): events keyed by a keyed digest of
 * the phone or address, counted inside the caller's transaction.
 */
@Injectable()
export class SignInThrottle {
  constructor(@Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig) {}

  /** What the code and throttle tables keep for a phone number or an address. */
  digestOf(kind: string, value: string): string {
    return keyedDigest(this.config.IDENTITY_HASH_SECRET, kind, value);
  }

  async secondsUntilAllowed(
    em: EntityManager,
    kind: ThrottleKind,
    value: string,
    limits: ThrottleLimit[],
    now: Date,
  ): Promise<number> {
    const since = new Date(now.getTime() - Math.max(...limits.map((l) => l.windowSeconds), 0) * 1000);
    const rows = await em
      .createQueryBuilder(ThrottleEvent, 'e')
      .select('e.at', 'at')
      .where('e.kind = :kind AND e.keyDigest = :key AND e.at > :since', {
        kind,
        key: this.digestOf(kind, value),
        since,
      })
      .getRawMany<{ at: Date }>();
    return secondsUntilAllowed(
      rows.map((r) => new Date(r.at)),
      limits,
      now,
    );
  }

  async record(em: EntityManager, kind: ThrottleKind, value: string, now: Date): Promise<void> {
    await em.insert(ThrottleEvent, { kind, keyDigest: this.digestOf(kind, value), at: now });
  }

  /** Deletes a bounded batch of events no window looks at any more. */
  async purge(em: EntityManager, now: Date): Promise<void> {
    await em.query('DELETE FROM throttle_event WHERE at < ? LIMIT 500', [
      new Date(now.getTime() - KEEP_SECONDS * 1000),
    ]);
  }

  failuresPerAddress(): ThrottleLimit[] {
    return [{ max: this.config.IDENTITY_FAILURES_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 }];
  }
}
