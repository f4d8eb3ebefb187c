import { randomUUID } from 'node:crypto';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  insertSlot,
  setStock,
  skuState,
  slotBooked,
  startOrdersTestApp,
  stockOf,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';

/**
 * What a client sees when it repeats an Idempotency-Key. POST /orders has no key store in front of it: the
 * checkout transaction (unique (customer, key) on the order, request hash) answers every case itself.
 */
describe('checkout Idempotency-Key semantics (real MariaDB)', () => {
  let t: OrdersTestApp;
  let f: Fixture;
  const sku = (name: string) => `sku-${t.runId}-${name}`;
  const ordersOf = async (customer: string): Promise<string[]> =>
    (
      await t.db.transaction((em) =>
        em.query('SELECT id FROM customer_order WHERE customer_id = ? ORDER BY created_at', [customer]),
      )
    ).map((r: { id: string }) => r.id);
  const bodyFor = (skuName: string, slotId = f.slotId) => ({
    address: address(f.zoneId),
    slotId,
    lines: [{ skuId: sku(skuName), quantity: 1 }],
  });

  beforeAll(async () => {
    t = await startOrdersTestApp();
    f = await createFixture(t);
    await applySkus(t, [skuState(sku('kale')), skuState(sku('scarce')), skuState(sku('leek'))]);
    await setStock(t, f.centerId, sku('kale'), 100);
    await setStock(t, f.centerId, sku('scarce'), 0);
    await setStock(t, f.centerId, sku('leek'), 100);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('concurrent first attempts with one key place one order and all answer it (no 409 in progress)', async () => {
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => checkout(t, 'cust-race', bodyFor('kale'), key)),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const [id] = await ordersOf('cust-race');
    expect(new Set(responses.map((r) => r.json().id))).toEqual(new Set([id]));
    expect(await ordersOf('cust-race')).toHaveLength(1);
    // Exactly one answer is the placement; the others are marked as replays, as @Idempotent() marks them.
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
    expect(await stockOf(t, f.centerId, sku('kale'))).toEqual({ sellable: 100, reserved: 1 });
  });

  it('a refused attempt leaves the key free: its retry runs again once the refusal is gone', async () => {
    const key = randomUUID();
    const refused = await checkout(t, 'cust-after-409', bodyFor('scarce'), key);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: 'urn:harvest:problem:out-of-stock' });
    await setStock(t, f.centerId, sku('scarce'), 5);
    const retried = await checkout(t, 'cust-after-409', bodyFor('scarce'), key);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await ordersOf('cust-after-409')).toEqual([retried.json().id]);
  });

  it('a replay returns the first order even when the same request would now be refused (slot full)', async () => {
    const slotId = `${f.zoneId}-one-${t.runId}`;
    await insertSlot(t, {
      id: slotId,
      zoneId: f.zoneId,
      date: '2099-02-03',
      startsAt: new Date(Date.now() + 7200_000),
      cutoffAt: new Date(Date.now() + 3600_000),
      capacity: 1,
    });
    const key = randomUUID();
    const first = await checkout(t, 'cust-full', bodyFor('leek', slotId), key);
    expect(first.statusCode).toBe(201);
    expect((await checkout(t, 'cust-other', bodyFor('leek', slotId))).statusCode).toBe(409);
    const replay = await checkout(t, 'cust-full', bodyFor('leek', slotId), key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    // Another body with that key is still refused as a reused key, not as a full slot.
    const reused = await checkout(
      t,
      'cust-full',
      { ...bodyFor('leek', slotId), lines: [{ skuId: sku('leek'), quantity: 2 }] },
      key,
    );
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({
      type: 'urn:harvest:problem:idempotency-key-reused',
      field: 'Idempotency-Key',
    });
    expect(await slotBooked(t, slotId)).toBe(1);
  });

  it('a key held by an instance that died mid-checkout is taken over as soon as its connection ends', async () => {
    const key = randomUUID();
    // The dead instance: its checkout transaction inserted the order row (holding the unique key) and never
    // committed. A load balancer's redispatch of the same request arrives at this instance meanwhile.
    const dying = t.db.writer.createQueryRunner();
    await dying.connect();
    const [{ id: connectionId }] = await dying.query('SELECT CONNECTION_ID() AS id');
    await dying.startTransaction();
    await dying.query(
      `INSERT INTO customer_order (id, customer_id, idempotency_key, request_hash, status, fulfillment_center_id,
         zone_id, slot_id, address, total_fen, payment_due_at)
       VALUES (?, 'cust-takeover', ?, REPEAT('0', 64), 'pending_payment', ?, ?, ?, '{}', 1, NOW(3))`,
      [randomUUID(), key, f.centerId, f.zoneId, f.slotId],
    );
    const redispatched = checkout(t, 'cust-takeover', bodyFor('kale'), key);
    // It waits on the unique key while the dead instance's transaction is open...
    const waiting = await Promise.race([
      redispatched.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 500)),
    ]);
    expect(waiting).toBe(true);
    // ...and the server rolls that transaction back when the process's connection ends (as on a SIGKILL).
    await t.db.writer.query(`KILL ${Number(connectionId)}`);
    const answer = await redispatched;
    await dying.release().catch(() => undefined);
    expect(answer.statusCode).toBe(201);
    expect(answer.headers['idempotent-replayed']).toBeUndefined();
    expect(await ordersOf('cust-takeover')).toEqual([answer.json().id]);
  });
});
