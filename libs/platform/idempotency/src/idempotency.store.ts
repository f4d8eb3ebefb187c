import { isDuplicateKeyError, type Database } from '@harvest/platform/database';
import { IdempotencyKeyLocks } from './idempotency-key-locks';

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' };

interface KeyRow {
  request_hash: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_body: string | null;
}

/**
 * The idempotency_key table, plus who is working on a key right now (IdempotencyKeyLocks). Each call is its
 * own short statement, separate from the business work.
 */
export class IdempotencyStore {
  private readonly locks: IdempotencyKeyLocks;

  constructor(
    private readonly database: Database,
    private readonly leaseMs: number,
    private readonly retentionHours: number,
  ) {
    this.locks = new IdempotencyKeyLocks(database.writer);
  }

  /** Claims the key for this attempt, or says why not: a stored response, an attempt in flight, another body. */
  async claim(scope: string, key: string, hash: string): Promise<ClaimOutcome> {
    const lock = IdempotencyKeyLocks.nameOf(scope, key);
    if (!(await this.locks.acquire(lock))) return this.outcomeWhileOwned(scope, key, hash);
    try {
      const outcome = await this.claimOwned(scope, key, hash);
      if (outcome.kind !== 'claimed') await this.locks.release(lock);
      return outcome;
    } catch (error) {
      await this.locks.release(lock);
      throw error;
    }
  }

  /** We hold the key's lock, so no live attempt is working on it. */
  private async claimOwned(scope: string, key: string, hash: string): Promise<ClaimOutcome> {
    try {
      await this.database.writer.query(
        `INSERT INTO idempotency_key (scope, idem_key, request_hash, state, locked_until, expires_at)
         VALUES (?, ?, ?, 'in_flight', NOW(3) + INTERVAL ? MICROSECOND, NOW(3) + INTERVAL ? HOUR)`,
        [scope, key, hash, this.leaseMs * 1000, this.retentionHours],
      );
      return { kind: 'claimed' };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const row = await this.read(scope, key);
    if (!row) return this.claimOwned(scope, key, hash); // released between our insert and select
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (row.state === 'completed') return replay(row);
    // In flight, yet its lock was free: the attempt that wrote it died with its connection. Take it over now.
    await this.database.writer.query(
      `UPDATE idempotency_key SET locked_until = NOW(3) + INTERVAL ? MICROSECOND WHERE scope = ? AND idem_key = ?`,
      [this.leaseMs * 1000, scope, key],
    );
    return { kind: 'claimed' };
  }

  /** Another live attempt holds the key's lock; it may have just finished. */
  private async outcomeWhileOwned(scope: string, key: string, hash: string): Promise<ClaimOutcome> {
    const row = await this.read(scope, key);
    if (row && row.request_hash !== hash) return { kind: 'mismatch' };
    if (row?.state === 'completed') return replay(row);
    return { kind: 'in-flight' };
  }

  private async read(scope: string, key: string): Promise<KeyRow | undefined> {
    const rows: KeyRow[] = await this.database.writer.query(
      `SELECT request_hash, state, response_status, response_body FROM idempotency_key WHERE scope = ? AND idem_key = ?`,
      [scope, key],
    );
    return rows[0];
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    try {
      await this.database.writer.query(
        `UPDATE idempotency_key SET state = 'completed', response_status = ?, response_body = ?
         WHERE scope = ? AND idem_key = ?`,
        [status, body === undefined ? null : JSON.stringify(body), scope, key],
      );
    } finally {
      await this.locks.release(IdempotencyKeyLocks.nameOf(scope, key));
    }
  }

  /** The attempt failed: free the key so the client's retry runs the request again. */
  async release(scope: string, key: string): Promise<void> {
    try {
      await this.database.writer.query(
        `DELETE FROM idempotency_key WHERE scope = ? AND idem_key = ? AND state = 'in_flight'`,
        [scope, key],
      );
    } finally {
      await this.locks.release(IdempotencyKeyLocks.nameOf(scope, key));
    }
  }

  async close(): Promise<void> {
    await this.locks.close();
  }

  /** Deletes at most `limit` keys past their retention, in one statement; resolves how many it deleted. */
  async purgeExpired(limit: number): Promise<number> {
    const result = await this.database.writer.query(
      'DELETE FROM idempotency_key WHERE expires_at < NOW(3) LIMIT ?',
      [limit],
    );
    return affectedRows(result);
  }
}

function replay(row: KeyRow): ClaimOutcome {
  return {
    kind: 'replay',
    status: Number(row.response_status),
    body: row.response_body === null ? null : JSON.parse(row.response_body),
  };
}

function affectedRows(result: unknown): number {
  // mysql2 through TypeORM answers a write with a ResultSetHeader (sometimes wrapped in an array).
  const header = Array.isArray(result) ? (result[1] ?? result[0]) : result;
  return Number((header as { affectedRows?: number } | undefined)?.affectedRows ?? 0);
}
