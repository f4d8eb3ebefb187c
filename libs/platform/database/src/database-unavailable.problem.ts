import type { KnownErrorProblem } from '@harvest/platform/http';
import { classifyDatabaseFailure } from './database-failure';
import { PrimaryNotFoundError } from './primary-locator';

/** Seconds a client should wait before retrying: a failover finds the new primary within a few seconds. */
const RETRY_AFTER_SECONDS = 1;

/**
 * A request that lost the writer (a failover under way, the primary unreachable, a node turned read-only)
 * answers 503 with Retry-After, not 500: the client did nothing wrong and its retry will most likely work.
 * Transactions retry by themselves first (Database.transaction); this covers what is left, including single
 * queries outside a transaction (idempotency claims, reads through the writer). DatabaseModule registers it
 * with the HTTP layer's problem mapping.
 */
export function databaseUnavailableProblem(error: unknown): KnownErrorProblem | undefined {
  if (!isWriterUnavailable(error)) return undefined;
  return {
    status: 503,
    problem: {
      type: 'urn:harvest:problem:database-unavailable',
      detail: 'The database is failing over; retry this request shortly (same Idempotency-Key).',
    },
    headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
  };
}

export function isWriterUnavailable(error: unknown): boolean {
  return error instanceof PrimaryNotFoundError || classifyDatabaseFailure(error) === 'lost-writer';
}
