import { recordStatements, type StatementRecorder } from '@harvest/testing';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  setStock,
  skuState,
  startOrdersTestApp,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';

/**
 * Counts the statements one checkout sends to MySQL (each is one round trip), BEGIN/COMMIT included. Only statements issued from within the request's async context are counted, so the
 * relay and other pollers of the same process do not disturb the figure.
 */
describe('checkout round trips (real MariaDB)', () => {
  let recorder: StatementRecorder;
  let t: OrdersTestApp;
  let f: Fixture;
  const sku = (name: string) => `sku-${t.runId}-${name}`;

  beforeAll(async () => {
    recorder = recordStatements();
    t = await startOrdersTestApp();
    f = await createFixture(t);
    await applySkus(t, [skuState(sku('a')), skuState(sku('b')), skuState(sku('c'))]);
    for (const name of ['a', 'b', 'c']) await setStock(t, f.centerId, sku(name), 100);
  });

  afterAll(async () => {
    recorder?.restore();
    await t?.close();
  });

  it('places a 3-line order in a fixed, small number of statements', async () => {
    const {
      result: response,
      statements: sent,
      listing,
    } = await recorder.during(() =>
      checkout(t, 'cust-rt', {
        address: address(f.zoneId),
        slotId: f.slotId,
        lines: ['a', 'b', 'c'].map((name) => ({ skuId: sku(name), quantity: 1 })),
      }),
    );
    expect(response.statusCode).toBe(201);
    // One transaction: zone with its center, SKUs, slot, order, lines, 3 reservations, one read of the 3
    // stock rows, slot booking, transition, and one INSERT of the 3 stock events with order.placed. No
    // replay lookup for a new key (the order insert is the check) and no idempotency-key store (checkout
    // answers replays itself). Before: 29 in three transactions; then 19 in one, plus 4 of the key store.
    expect({ transactions: sent.filter((s) => s === 'START TRANSACTION').length, listing }).toEqual({
      transactions: 1,
      listing: expect.stringMatching(/^14 statements/),
    });
    expect(sent.filter((s) => /(INTO|UPDATE|FROM) idempotency_key\b|_LOCK\(/.test(s))).toEqual([]);
    const outboxInserts = sent.filter((s) => s.startsWith('INSERT INTO outbox_event'));
    expect(outboxInserts).toHaveLength(1);
    // The one read of the stock rows still gives each SKU its own figures in its event.
    for (const name of ['a', 'b', 'c']) {
      const [row] = await t.db.transaction((em) =>
        em.query(
          "SELECT payload FROM outbox_event WHERE type = 'inventory.stock-changed' AND event_key = ? ORDER BY id DESC LIMIT 1",
          [`${sku(name)}@${f.centerId}`],
        ),
      );
      const stored = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
      expect(stored.payload ?? stored).toMatchObject({
        skuId: sku(name),
        onHand: 100,
        reserved: 1,
        available: 99,
      });
    }
  });

  // The 201 body is built from what checkout inserted, not read back: it must equal a later read of the order.
  it.each([
    ['customer', 'cust-view'],
    ['agent', 'agent-view'],
  ] as const)('answers a %s exactly what a later GET of the order shows', async (role, subject) => {
    // An agent orders through the call center, whose token names the agent and the call.
    const headers: Record<string, string> =
      role === 'agent' ? await t.callCenterHeaders(subject, 'call-view-1') : {};
    const body = {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: ['c', 'a'].map((name, i) => ({ skuId: sku(name), quantity: i + 1 })),
      ...(role === 'agent' ? { customerId: 'cust-of-agent' } : {}),
    };
    const placed = await checkout(t, subject, body, undefined, role, headers);
    expect(placed.statusCode).toBe(201);
    const read = await t.app.inject({
      method: 'GET',
      url: `/orders/${placed.json().id}`,
      headers: { authorization: `Bearer ${await t.token(role, subject)}` },
    });
    expect(read.statusCode).toBe(200);
    expect(placed.json()).toEqual(read.json());
    expect(placed.body).toBe(read.body);
  });
});
