import type { Database } from '@harvest/platform/database';

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
  lease_expired: number;
}

const ER_DUP_ENTRY = 1062;

/** The idempotency_key table. Each call is its own short transaction, separate from the business work. */
export class IdempotencyStore {
  constructor(
    private readonly database: Database,
    private readonly leaseMs: number,
    private readonly retentionHours: number,
  ) {}

  /** Claims the key for this attempt, or says why not: a stored response, an attempt in flight, another body. */
  async claim(scope: string, key: string, hash: string): Promise<ClaimOutcome> {
    try {
      await this.database.writer.query(
        `INSERT INTO idempotency_key (scope, idem_key, request_hash, state, locked_until, expires_at)
         VALUES (?, ?, ?, 'in_flight', NOW(3) + INTERVAL ? MICROSECOND, NOW(3) + INTERVAL ? HOUR)`,
        [scope, key, hash, this.leaseMs * 1000, this.retentionHours],
      );
      return { kind: 'claimed' };
    } catch (error) {
      if ((error as { errno?: number }).errno !== ER_DUP_ENTRY) throw error;
    }
    const rows: KeyRow[] = await this.database.writer.query(
      `SELECT request_hash, state, response_status, response_body, locked_until < NOW(3) AS lease_expired
       FROM idempotency_key WHERE scope = ? AND idem_key = ?`,
      [scope, key],
    );
    const row = rows[0];
    if (!row) return this.claim(scope, key, hash); // released between our insert and select
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (row.state === 'completed') {
      return { kind: 'replay', status: Number(row.response_status), body: row.response_body === null ? null : JSON.parse(row.response_body) };
    }
    if (!Number(row.lease_expired)) return { kind: 'in-flight' };
    // The earlier attempt died holding the key: take it over, unless another retry just did.
    const result = await this.database.writer.query(
      `UPDATE idempotency_key SET locked_until = NOW(3) + INTERVAL ? MICROSECOND
       WHERE scope = ? AND idem_key = ? AND state = 'in_flight' AND locked_until < NOW(3)`,
      [this.leaseMs * 1000, scope, key],
    );
    return affectedRows(result) === 1 ? { kind: 'claimed' } : { kind: 'in-flight' };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.database.writer.query(
      `UPDATE idempotency_key SET state = 'completed', response_status = ?, response_body = ?
       WHERE scope = ? AND idem_key = ?`,
      [status, body === undefined ? null : JSON.stringify(body), scope, key],
    );
  }

  /** The attempt failed: free the key so the client's retry runs the request again. */
  async release(scope: string, key: string): Promise<void> {
    await this.database.writer.query(`DELETE FROM idempotency_key WHERE scope = ? AND idem_key = ? AND state = 'in_flight'`, [
      scope,
      key,
    ]);
  }

  async purgeExpired(limit = 1000): Promise<number> {
    const result = await this.database.writer.query('DELETE FROM idempotency_key WHERE expires_at < NOW(3) LIMIT ?', [limit]);
    return affectedRows(result);
  }
}

function affectedRows(result: unknown): number {
  // mysql2 through TypeORM answers a write with a ResultSetHeader (sometimes wrapped in an array).
  const header = Array.isArray(result) ? result[1] ?? result[0] : result;
  return Number((header as { affectedRows?: number } | undefined)?.affectedRows ?? 0);
}
