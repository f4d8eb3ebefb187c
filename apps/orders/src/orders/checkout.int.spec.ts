import { skuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { randomUUID } from 'node:crypto';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  insertSlot,
  publish,
  setStock,
  skuState,
  slotBooked,
  startOrdersTestApp,
  stockOf,
  waitUntil,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';

describe('checkout (real MariaDB, embedded events)', () => {
  let t: OrdersTestApp;
  let f: Fixture;
  const sku = (name: string) => `sku-${t.runId}-${name}`;
  const orderCount = async () =>
    Number((await t.db.transaction((em) => em.query('SELECT COUNT(*) AS n FROM customer_order')))[0].n);

  beforeAll(async () => {
    t = await startOrdersTestApp();
    f = await createFixture(t);
    await applySkus(t, [
      skuState(sku('spinach')),
      skuState(sku('pork'), { soldBy: 'weight', priceFen: 2990, name: '有机五花肉' }),
      skuState(sku('dumplings'), { temperatureClass: 'frozen' }),
      skuState(sku('draft'), { status: 'draft' }),
    ]);
    for (const name of ['spinach', 'pork', 'dumplings', 'draft'])
      await setStock(t, f.centerId, sku(name), name === 'pork' ? 10_000 : 100);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps a SKU snapshot from catalog.sku-changed events and ignores an older version', async () => {
    const id = sku('from-events');
    await publish(t, skuChangedV1, id, skuState(id, { version: 3, priceFen: 500 }));
    await publish(t, skuChangedV1, id, skuState(id, { version: 2, priceFen: 999 }));
    const snapshot = async () =>
      (
        await t.db.transaction((em) =>
          em.query('SELECT price_fen AS price, version FROM sku_snapshot WHERE sku_id = ?', [id]),
        )
      )[0];
    await waitUntil(
      'both events consumed',
      async () =>
        Number(
          (
            await t.db.transaction((em) =>
              em.query(
                "SELECT COUNT(*) AS n FROM inbox_event WHERE consumer = 'orders.sku-snapshot' AND topic = 'catalog.sku-changed'",
              ),
            )
          )[0].n,
        ) >= 6,
    );
    expect(await snapshot()).toEqual({ price: 500, version: 3 });
  });

  it('places an order: prices from the snapshot, reserves stock, takes slot capacity, and announces it', async () => {
    const before = await slotBooked(t, f.slotId);
    const response = await checkout(t, 'cust-a', {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [
        { skuId: sku('spinach'), quantity: 2 },
        { skuId: sku('pork'), estimatedWeightGrams: 750 },
      ],
    });
    expect(response.statusCode).toBe(201);
    const order = response.json();
    expect(order).toMatchObject({ status: 'pending_payment', totalFen: 2 * 1290 + 4485 });
    expect(order.customerId).toBeUndefined(); // the customer view carries no staff fields
    expect(await stockOf(t, f.centerId, sku('pork'))).toEqual({ sellable: 10_000, reserved: 750 });
    expect(await slotBooked(t, f.slotId)).toBe(before + 1);
    const [placed] = await t.db.transaction((em) =>
      em.query("SELECT COUNT(*) AS n FROM outbox_event WHERE type = 'order.placed' AND event_key = ?", [
        order.id,
      ]),
    );
    expect(Number(placed.n)).toBe(1);
  });

  it('200 concurrent checkouts for a SKU with 50 units leave exactly 50 orders and stock never negative', async () => {
    const id = sku('scarce');
    await applySkus(t, [skuState(id)]);
    await setStock(t, f.centerId, id, 50);
    const ordersBefore = await orderCount();
    let minAvailable = Infinity;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = await stockOf(t, f.centerId, id);
        minAvailable = Math.min(minAvailable, s.sellable - s.reserved);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        checkout(t, `crowd-${i}`, {
          address: address(f.zoneId),
          slotId: f.slotId,
          lines: [{ skuId: id, quantity: 1 }],
        }),
      ),
    );
    sampling = false;
    await sampler;
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(50);
    expect(codes.filter((c) => c === 409)).toHaveLength(150);
    expect(responses.find((r) => r.statusCode === 409)!.json()).toMatchObject({
      type: 'urn:harvest:problem:out-of-stock',
      errors: [{ field: 'lines[0]' }],
    });
    expect(await orderCount()).toBe(ordersBefore + 50);
    expect(await stockOf(t, f.centerId, id)).toEqual({ sellable: 50, reserved: 50 });
    expect(minAvailable).toBeGreaterThanOrEqual(0);
  });

  it('a retried checkout with the same Idempotency-Key returns the same order; another body with that key gets 422', async () => {
    const key = randomUUID();
    const body = {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId: sku('spinach'), quantity: 1 }],
    };
    const first = await checkout(t, 'cust-retry', body, key);
    const [again, concurrent] = await Promise.all([
      checkout(t, 'cust-retry', body, key),
      checkout(t, 'cust-retry', { ...body }, key),
    ]);
    expect(first.statusCode).toBe(201);
    for (const replay of [again, concurrent]) {
      expect(replay.statusCode).toBe(201);
      expect(replay.json().id).toBe(first.json().id);
    }
    const other = await checkout(
      t,
      'cust-retry',
      { ...body, lines: [{ skuId: sku('spinach'), quantity: 2 }] },
      key,
    );
    expect(other.statusCode).toBe(422);
    const [row] = await t.db.transaction((em) =>
      em.query("SELECT COUNT(*) AS n FROM customer_order WHERE customer_id = 'cust-retry'"),
    );
    expect(Number(row.n)).toBe(1);
  });

  it('the (customer, key) constraint alone returns the first order: no idempotency-key record is involved', async () => {
    const key = randomUUID();
    const body = {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId: sku('spinach'), quantity: 1 }],
    };
    const first = await checkout(t, 'cust-crash', body, key);
    // POST /orders has no key store in front of it (checkout answers replays); an empty table proves it.
    await t.db.transaction((em) => em.query('DELETE FROM idempotency_key'));
    const replay = await checkout(t, 'cust-crash', body, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(first.json().id);
    await t.db.transaction((em) => em.query('DELETE FROM idempotency_key'));
    expect(
      (
        await checkout(
          t,
          'cust-crash',
          { ...body, slotId: f.slotId, lines: [{ skuId: sku('spinach'), quantity: 3 }] },
          key,
        )
      ).statusCode,
    ).toBe(422);
  });

  describe('bad input gets a 4xx naming the problem, and nothing is written', () => {
    const cases: Array<[string, () => object, number, string]> = [
      ['unknown SKU', () => ({ lines: [{ skuId: sku('nope'), quantity: 1 }] }), 422, 'lines[0].skuId'],
      ['SKU not for sale', () => ({ lines: [{ skuId: sku('draft'), quantity: 1 }] }), 422, 'lines[0].skuId'],
      [
        'zero quantity',
        () => ({ lines: [{ skuId: sku('spinach'), quantity: 0 }] }),
        400,
        'lines[0].quantity',
      ],
      [
        'negative quantity',
        () => ({ lines: [{ skuId: sku('spinach'), quantity: -2 }] }),
        400,
        'lines[0].quantity',
      ],
      [
        'weight on a by-piece SKU',
        () => ({ lines: [{ skuId: sku('spinach'), estimatedWeightGrams: 500 }] }),
        422,
        'lines[0].estimatedWeightGrams',
      ],
      [
        'too many lines',
        () => ({ lines: Array.from({ length: 51 }, (_, i) => ({ skuId: `${sku('x')}-${i}`, quantity: 1 })) }),
        422,
        'lines',
      ],
      ['no lines', () => ({ lines: [] }), 400, 'lines'],
      [
        'no address',
        () => ({ address: undefined, lines: [{ skuId: sku('spinach'), quantity: 1 }] }),
        400,
        'address',
      ],
      [
        'an array as the address',
        () => ({ address: [], lines: [{ skuId: sku('spinach'), quantity: 1 }] }),
        400,
        'address',
      ],
      [
        'a null quantity on a by-piece SKU',
        () => ({ lines: [{ skuId: sku('spinach'), quantity: null }] }),
        400,
        'lines[0].quantity',
      ],
      [
        'a null weight on a weighed SKU',
        () => ({ lines: [{ skuId: sku('pork'), estimatedWeightGrams: null }] }),
        400,
        'lines[0].estimatedWeightGrams',
      ],
      ['an array as a line', () => ({ lines: [[]] }), 400, 'each element of lines must be an object'],
      [
        'more pieces than a line may hold',
        () => ({ lines: [{ skuId: sku('spinach'), quantity: 501 }] }),
        400,
        'lines[0].quantity',
      ],
      [
        'more grams than a line may hold',
        () => ({ lines: [{ skuId: sku('pork'), estimatedWeightGrams: 50_001 }] }),
        400,
        'lines[0].estimatedWeightGrams',
      ],
      [
        'frozen goods from a center without a freezer',
        () => ({ lines: [{ skuId: sku('dumplings'), quantity: 1 }] }),
        422,
        'lines[0].skuId',
      ],
      [
        'a zone we do not serve',
        () => ({ address: address('nowhere'), lines: [{ skuId: sku('spinach'), quantity: 1 }] }),
        422,
        'address.zoneId',
      ],
      [
        'an unknown field',
        () => ({ lines: [{ skuId: sku('spinach'), quantity: 1, discount: 100 }] }),
        400,
        'lines[0].discount',
      ],
    ];

    it.each(cases)('%s', async (_name, make, status, field) => {
      const ordersBefore = await orderCount();
      const stockBefore = await stockOf(t, f.centerId, sku('spinach'));
      const response = await checkout(t, 'cust-bad', {
        address: address(f.zoneId),
        slotId: f.slotId,
        ...make(),
      });
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(response.json())).toContain(field);
      expect(await orderCount()).toBe(ordersBefore);
      expect(await stockOf(t, f.centerId, sku('spinach'))).toEqual(stockBefore);
    });

    it('a slot in the past or past its cut-off', async () => {
      const past = `${f.zoneId}-past`;
      await insertSlot(t, {
        id: past,
        zoneId: f.zoneId,
        date: '2020-01-01',
        startsAt: new Date('2020-01-01T01:00:00Z'),
        cutoffAt: new Date('2020-01-01T00:00:00Z'),
        capacity: 10,
      });
      const closing = `${f.zoneId}-closed`;
      await insertSlot(t, {
        id: closing,
        zoneId: f.zoneId,
        date: '2099-01-01',
        startsAt: new Date(Date.now() + 3600_000),
        cutoffAt: new Date(Date.now() - 1000),
        capacity: 10,
      });
      const ordersBefore = await orderCount();
      const inPast = await checkout(t, 'cust-bad', {
        address: address(f.zoneId),
        slotId: past,
        lines: [{ skuId: sku('spinach'), quantity: 1 }],
      });
      expect(inPast.statusCode).toBe(422);
      expect(inPast.json()).toMatchObject({ type: 'urn:harvest:problem:slot-in-the-past', field: 'slotId' });
      const closed = await checkout(t, 'cust-bad', {
        address: address(f.zoneId),
        slotId: closing,
        lines: [{ skuId: sku('spinach'), quantity: 1 }],
      });
      expect(closed.json()).toMatchObject({ status: 422, type: 'urn:harvest:problem:slot-past-cutoff' });
      expect(await orderCount()).toBe(ordersBefore);
    });

    it('a full slot is a clear 409', async () => {
      const full = `${f.zoneId}-full`;
      await insertSlot(t, {
        id: full,
        zoneId: f.zoneId,
        date: '2099-01-02',
        startsAt: new Date(Date.now() + 7200_000),
        cutoffAt: new Date(Date.now() + 3600_000),
        capacity: 1,
      });
      const body = {
        address: address(f.zoneId),
        slotId: full,
        lines: [{ skuId: sku('spinach'), quantity: 1 }],
      };
      expect((await checkout(t, 'cust-slot-1', body)).statusCode).toBe(201);
      const second = await checkout(t, 'cust-slot-2', body);
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({
        type: 'urn:harvest:problem:slot-full',
        detail: expect.stringMatching(/full/),
      });
      expect(await slotBooked(t, full)).toBe(1);
    });

    it('no Idempotency-Key header', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/orders',
        headers: { authorization: `Bearer ${await t.token('customer', 'cust-bad')}` },
        payload: {
          address: address(f.zoneId),
          slotId: f.slotId,
          lines: [{ skuId: sku('spinach'), quantity: 1 }],
        },
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatch(/Idempotency-Key/i);
    });
  });
});
