import { Database } from '@harvest/platform/database';
import { dropDatabase, testDatabaseConfig, uniqueDatabaseName } from '@harvest/testing';
import { randomUUID } from 'node:crypto';
import { idempotencyMigrations } from './idempotency-key.migration';
import { IdempotencyKeyLocks } from './idempotency-key-locks';
import { IdempotencyStore } from './idempotency.store';

/** Two service instances (two pools, two stores) on one real MariaDB schema, as behind a load balancer. */
describe('an idempotency key whose owner died', () => {
  const name = uniqueDatabaseName('idemown');
  const LEASE_MS = 60_000;
  let instanceA: Database;
  let instanceB: Database;
  let storeA: IdempotencyStore;
  let storeB: IdempotencyStore;

  beforeAll(async () => {
    const schema = { entities: [], migrations: idempotencyMigrations };
    instanceA = await Database.connect(testDatabaseConfig({ DB_NAME: name }), schema);
    instanceB = await Database.connect(
      testDatabaseConfig({ DB_NAME: name, DB_MIGRATIONS_RUN: false }),
      schema,
    );
    storeA = new IdempotencyStore(instanceA, LEASE_MS, 1);
    storeB = new IdempotencyStore(instanceB, LEASE_MS, 1);
  });
  afterAll(async () => {
    await storeA?.close();
    await storeB?.close();
    await instanceA?.close();
    await instanceB?.close();
    await dropDatabase(name);
  });

  it('is in flight for everyone while its owner lives, then taken over at once, long before the lease ends', async () => {
    const scope = 'POST /orders customer:c-1';
    const key = randomUUID();
    expect(await storeA.claim(scope, key, 'h1')).toEqual({ kind: 'claimed' });
    expect(await storeB.claim(scope, key, 'h1')).toEqual({ kind: 'in-flight' });
    expect(await storeA.claim(scope, key, 'h1')).toEqual({ kind: 'in-flight' }); // a second attempt in the same process
    expect(await storeB.claim(scope, key, 'h2')).toEqual({ kind: 'mismatch' });

    // The owner's process dies: the server sees its connection end (KILL is what a crash looks like to it).
    const [holder] = await instanceB.writer.query('SELECT IS_USED_LOCK(?) AS id', [
      IdempotencyKeyLocks.nameOf(scope, key),
    ]);
    expect(holder.id).not.toBeNull();
    await instanceB.writer.query(`KILL ${Number(holder.id)}`);

    expect(await storeB.claim(scope, key, 'h1')).toEqual({ kind: 'claimed' });
    await storeB.complete(scope, key, 201, { orderId: 'o-1' });
    expect(await storeA.claim(scope, key, 'h1')).toEqual({
      kind: 'replay',
      status: 201,
      body: { orderId: 'o-1' },
    });
  });

  it('frees a released key for the next attempt in the same process', async () => {
    const scope = 'POST /orders customer:c-2';
    const key = randomUUID();
    expect(await storeA.claim(scope, key, 'h')).toEqual({ kind: 'claimed' });
    await storeA.release(scope, key);
    expect(await storeA.claim(scope, key, 'h')).toEqual({ kind: 'claimed' });
    await storeA.complete(scope, key, 200, null);
  });
});
