/**
 * What a failed unit of work means for a retry. Pure: it looks only at the error the driver raised.
 * - `lost-writer`: the connection to the writer broke, or the node turned read-only (a failover). Find the
 *   primary again; the transaction did not commit unless the error came during COMMIT itself.
 * - `rolled-back`: the server rolled the transaction back (deadlock, lock wait timeout); retrying is safe.
 * - `fatal`: anything else (bad SQL, a constraint the caller must handle); never retried here.
 */
export type DatabaseFailureKind = 'lost-writer' | 'rolled-back' | 'fatal';

const LOST_WRITER_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_OPTION_PREVENTS_STATEMENT', // 1290: --read-only, the node is a replica now
  'ER_READ_ONLY_MODE',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
]);
const LOST_WRITER_ERRNOS = new Set([1290, 1836, 1053, 1927, 2002, 2003, 2006, 2013]);
const ROLLED_BACK_ERRNOS = new Set([1213, 1205]); // deadlock, lock wait timeout

interface DriverError {
  code?: unknown;
  errno?: unknown;
  driverError?: unknown;
  message?: unknown;
}

/** The error and the driver errors it wraps: TypeORM puts the mysql2 error in QueryFailedError.driverError. */
function driverErrorLayers(error: unknown): DriverError[] {
  const layers: DriverError[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth++) {
    layers.push(current as DriverError);
    current = (current as DriverError).driverError;
  }
  return layers;
}

const ER_DUP_ENTRY = 1062;

/** A unique key refused the row (ER_DUP_ENTRY), whether raised by mysql2 directly or wrapped by TypeORM. */
export function isDuplicateKeyError(error: unknown): boolean {
  return driverErrorLayers(error).some((e) => e.errno === ER_DUP_ENTRY || e.code === 'ER_DUP_ENTRY');
}

export function classifyDatabaseFailure(error: unknown): DatabaseFailureKind {
  for (const e of driverErrorLayers(error)) {
    if (typeof e.errno === 'number' && ROLLED_BACK_ERRNOS.has(e.errno)) return 'rolled-back';
    if (typeof e.code === 'string' && LOST_WRITER_CODES.has(e.code)) return 'lost-writer';
    if (typeof e.errno === 'number' && LOST_WRITER_ERRNOS.has(e.errno)) return 'lost-writer';
    if (
      typeof e.message === 'string' &&
      /Connection lost|closed state|Pool is closed|connect ETIMEDOUT/i.test(e.message)
    )
      return 'lost-writer';
  }
  return 'fatal';
}

/** Backoff between attempts: 50 ms doubling, capped at 1 s, with jitter so instances do not retry in step. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(1000, 50 * 2 ** attempt);
  return Math.round(base / 2 + random() * (base / 2));
}
