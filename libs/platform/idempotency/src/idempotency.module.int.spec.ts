import { Logger } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
import { dropDatabase, testDatabaseConfig, uniqueDatabaseName } from '@harvest/testing';
import { idempotencyMigrations } from './idempotency-key.migration';
import { ExpiredKeyPurger } from './idempotency.module';
import { IdempotencyStore } from './idempotency.store';

describe('expired idempotency keys on a real MariaDB', () => {
  const name = uniqueDatabaseName('idempurge');
  let db: Database;
  let purger: ExpiredKeyPurger;

  beforeAll(async () => {
    Logger.overrideLogger(['warn', 'error']);
    db = await Database.connect(testDatabaseConfig({ DB_NAME: name }), {
      entities: [],
      migrations: idempotencyMigrations,
    });
    purger = new ExpiredKeyPurger(new IdempotencyStore(db, 60_000, 24));
  });
  afterAll(async () => {
    await purger?.onApplicationShutdown();
    await db?.close();
    await dropDatabase(name);
  });

  /** Inserts `count` completed keys that expire `hours` from now (negative: already expired). */
  async function insertKeys(prefix: string, count: number, hours: number): Promise<void> {
    for (let from = 0; from < count; from += 500) {
      const rows = Array.from({ length: Math.min(500, count - from) }, (_, i) => `${prefix}-${from + i}`);
      await db.writer.query(
        `INSERT INTO idempotency_key (scope, idem_key, request_hash, state, response_status, locked_until, expires_at)
         VALUES ${rows.map(() => `('POST /orders customer:c-1', ?, REPEAT('a', 64), 'completed', 201, NOW(3), NOW(3) + INTERVAL ? HOUR)`).join(', ')}`,
        rows.flatMap((key) => [key, hours]),
      );
    }
  }

  it('drains a backlog larger than one batch in one run, and keeps the keys still within retention', async () => {
    await insertKeys('old', 2500, -1);
    await insertKeys('live', 3, 23);

    await expect(purger.purge()).resolves.toBe(2500);

    const left: Array<{ idem_key: string }> = await db.writer.query(
      'SELECT idem_key FROM idempotency_key ORDER BY idem_key',
    );
    expect(left.map((row) => row.idem_key)).toEqual(['live-0', 'live-1', 'live-2']);
    await expect(purger.purge()).resolves.toBe(0);
  });
});
