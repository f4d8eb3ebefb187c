export { Idempotent } from './idempotent.decorator';
export { IdempotencyInterceptor, IDEMPOTENCY_HEADER, IDEMPOTENCY_STORE } from './idempotency.interceptor';
export { IdempotencyModule } from './idempotency.module';
export { IdempotencyStore, type ClaimOutcome } from './idempotency.store';
export { idempotencyMigrations, IdempotencyKey1763900000100 } from './idempotency-key.migration';
export { canonicalJson, IDEMPOTENCY_KEY_PATTERN, idempotencyScope, requestHash } from './idempotency-request';
