import { randomUUID } from 'node:crypto';
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

/** Odd input to the order actions: a 4xx problem+json naming the field, and the order unchanged. */
describe('order actions: bad input (real MariaDB)', () => {
  let t: OrdersTestApp;
  let f: Fixture;
  const sku = () => `sku-${t.runId}-kale`;

  beforeAll(async () => {
    t = await startOrdersTestApp();
    f = await createFixture(t);
    await applySkus(t, [skuState(sku())]);
    await setStock(t, f.centerId, sku(), 100);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('a cancellation note longer than its reason column leaves room for is a 400 naming note', async () => {
    const placed = await checkout(t, 'cust-note', {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId: sku(), quantity: 1 }],
    });
    expect(placed.statusCode).toBe(201);
    const cancel = async (note: string) =>
      t.app.inject({
        method: 'POST',
        url: `/orders/${placed.json().id}/cancel`,
        headers: {
          authorization: `Bearer ${await t.token('customer', 'cust-note')}`,
          'idempotency-key': randomUUID(),
        },
        payload: { note },
      });
    const tooLong = await cancel('菜'.repeat(495));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooLong.json().errors).toEqual([expect.objectContaining({ field: 'note' })]);
    const [row] = await t.db.transaction((em) =>
      em.query('SELECT status FROM customer_order WHERE id = ?', [placed.json().id]),
    );
    expect(row.status).toBe('pending_payment');
    expect((await cancel('菜'.repeat(480))).statusCode).toBe(200);
  });
});
