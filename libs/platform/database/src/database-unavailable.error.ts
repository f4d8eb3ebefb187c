import { DomainError } from '@harvest/platform/errors';
import { classifyDatabaseFailure } from './database-failure';
import { PrimaryNotFoundError } from './primary-locator';

/** Seconds a client should wait before retrying: a failover finds the new primary within a few seconds. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The request lost the writer (a failover under way, the primary unreachable, a node turned read-only): the
 * caller did nothing wrong and its retry will most likely work, so it is `unavailable` (503 with Retry-After
 * over HTTP), not a bug. Transactions retry by themselves first (Database.transaction); this covers what is
 * left, including single queries outside a transaction (idempotency claims, reads through the writer).
 */
export class DatabaseUnavailableError extends DomainError {
  constructor(cause?: unknown) {
    super(
      'unavailable',
      'database-unavailable',
      'The database is failing over; retry this request shortly (same Idempotency-Key).',
      {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
        cause,
      },
    );
  }
}

/**
 * The driver raises these errors, not our code, so DatabaseModule registers this translator: whoever answers
 * errors (the http library) sees a DatabaseUnavailableError.
 */
export function asDatabaseUnavailable(error: unknown): DatabaseUnavailableError | undefined {
  return isWriterUnavailable(error) ? new DatabaseUnavailableError(error) : undefined;
}

export function isWriterUnavailable(error: unknown): boolean {
  return error instanceof PrimaryNotFoundError || classifyDatabaseFailure(error) === 'lost-writer';
}
