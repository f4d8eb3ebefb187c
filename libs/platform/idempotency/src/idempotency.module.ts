import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
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

@Injectable()
class ExpiredKeyPurger implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | null = null;

  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.store.purgeExpired().catch((error: Error) => this.logger.warn(`purging expired keys failed: ${error.message}`));
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.store.close();
  }
}

/** Global, so any controller can use @Idempotent(); needs the service's Database (DatabaseModule). */
@Global()
@Module({
  providers: [
    { provide: IDEMPOTENCY_STORE, inject: [Database], useFactory: (db: Database) => new IdempotencyStore(db, LEASE_MS, RETENTION_HOURS) },
    IdempotencyInterceptor,
    ExpiredKeyPurger,
  ],
  exports: [IDEMPOTENCY_STORE, IdempotencyInterceptor],
})
export class IdempotencyModule {}
