import { Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
import { PeriodicJobProvider, sweepInBatches } from '@harvest/platform/scheduling';
import { IdempotencyInterceptor, IDEMPOTENCY_STORE } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

/** A retry may come after a phone loses signal for a while; 24 h covers it without keeping keys forever. */
const RETENTION_HOURS = 24;
/**
 * Recorded as locked_until for operators. Who owns an in-flight key is its named lock (IdempotencyKeyLocks),
 * which a dead process loses at once; the lease no longer decides a takeover.
 */
const LEASE_MS = 60_000;
const PURGE_EVERY_MS = 10 * 60_000;

/** Keys per DELETE: short statements keep row locks and replication lag small when the backlog is large. */
const PURGE_BATCH = 1000;

/**
 * Deletes keys past their retention. Every instance runs it; each DELETE ... LIMIT takes what is there, and a
 * run repeats it until a batch comes back short, so a backlog larger than one batch is drained in one run.
 */
@Injectable()
export class ExpiredKeyPurger extends PeriodicJobProvider<number> {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {
    super({ name: 'ExpiredKeyPurger', everyMs: PURGE_EVERY_MS, logger: new Logger('Idempotency') });
  }

  protected run(signal: AbortSignal): Promise<number> {
    return this.purgeAll(signal);
  }

  /** A purge in progress finishes its batch before the store closes. */
  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    await this.store.close();
  }

  /** Purges every expired key now (or joins the purge in progress); resolves how many it deleted. */
  purge(): Promise<number> {
    return this.job.runNow();
  }

  private purgeAll(signal: AbortSignal): Promise<number> {
    return sweepInBatches((limit) => this.store.purgeExpired(limit), {
      batchSize: PURGE_BATCH,
      signal,
      onBatch: (purged, total) =>
        this.logger.log(`purged ${purged} expired idempotency key(s), ${total} in this run`),
    });
  }
}

/** Global, so any controller can use @Idempotent(); needs the service's Database (DatabaseModule). */
@Global()
@Module({
  providers: [
    {
      provide: IDEMPOTENCY_STORE,
      inject: [Database],
      useFactory: (db: Database) => new IdempotencyStore(db, LEASE_MS, RETENTION_HOURS),
    },
    IdempotencyInterceptor,
    ExpiredKeyPurger,
  ],
  exports: [IDEMPOTENCY_STORE, IdempotencyInterceptor],
})
export class IdempotencyModule {}
