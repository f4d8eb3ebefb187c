import { randomUUID } from 'node:crypto';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  outboxCount,
  payCallback,
  setStock,
  skuState,
  slotBooked,
  startOrdersTestApp,
  stockOf,
  waitUntil,
  type OrdersTestApp,
} from '@harvest/orders/testing';

describe('unpaid reservation expiry (real MariaDB, the job on its own timer)', () => {
  let t: OrdersTestApp;

  beforeAll(async () => {
    t = await startOrdersTestApp({ ORDERS_PAYMENT_TIMEOUT_SECONDS: '4', ORDERS_EXPIRY_SWEEP_MS: '250' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('an unpaid order expires and its stock and slot capacity return; a paid one is kept', async () => {
    const f = await createFixture(t);
    const skuId = `sku-${t.runId}-pears`;
    await applySkus(t, [skuState(skuId)]);
    await setStock(t, f.centerId, skuId, 10);
    const body = (quantity: number) => ({
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId, quantity }],
    });
    const unpaid = (await checkout(t, 'cust-slow', body(4))).json();
    const paid = (await checkout(t, 'cust-quick', body(3))).json();
    expect(await stockOf(t, f.centerId, skuId)).toEqual({ sellable: 10, reserved: 7 });
    expect(await slotBooked(t, f.slotId)).toBe(2);
    expect(
      (
        await payCallback(t, {
          paymentId: `pay-${randomUUID()}`,
          orderId: paid.id,
          amountFen: paid.totalFen,
          status: 'succeeded',
        })
      ).statusCode,
    ).toBe(200);

    const admin = { authorization: `Bearer ${await t.token('admin', 'ops-1')}` };
    const statusOf = async (id: string) =>
      (await t.app.inject({ method: 'GET', url: `/orders/${id}`, headers: admin })).json();
    await waitUntil(
      'the unpaid order to expire',
      async () => (await statusOf(unpaid.id)).status === 'cancelled',
      15_000,
    );

    expect(await stockOf(t, f.centerId, skuId)).toEqual({ sellable: 10, reserved: 3 });
    expect(await slotBooked(t, f.slotId)).toBe(1);
    expect((await statusOf(unpaid.id)).transitions.at(-1)).toMatchObject({
      from: 'pending_payment',
      to: 'cancelled',
      actor: 'system',
      reason: 'payment_expired',
    });
    expect(await outboxCount(t, 'order.cancelled', unpaid.id)).toBe(1);
    expect((await statusOf(paid.id)).status).toBe('allocated');

    // A payment arriving after expiry is refused, so the provider returns the money.
    const late = await payCallback(t, {
      paymentId: `pay-${randomUUID()}`,
      orderId: unpaid.id,
      amountFen: unpaid.totalFen,
      status: 'succeeded',
    });
    expect(late.statusCode).toBe(409);
  });

  it('with two instances sweeping the same schema, each overdue order is expired exactly once', async () => {
    const second = await startOrdersTestApp({
      ...t.schemas,
      ORDERS_PAYMENT_TIMEOUT_SECONDS: '4',
      ORDERS_EXPIRY_SWEEP_MS: '100',
    });
    try {
      const f = await createFixture(t, 100);
      const skuId = `sku-${t.runId}-plums`;
      await applySkus(t, [skuState(skuId)]);
      await setStock(t, f.centerId, skuId, 100);
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const placed = await checkout(i % 2 ? t : second, `cust-${i}`, {
          address: address(f.zoneId),
          slotId: f.slotId,
          lines: [{ skuId, quantity: 2 }],
        });
        expect(placed.statusCode).toBe(201);
        ids.push(placed.json().id);
      }
      // Some may already have expired while the rest were placed (4 s timeout), so only a bound holds here.
      expect((await stockOf(t, f.centerId, skuId)).reserved).toBeLessThanOrEqual(40);
      const cancelledCount = async () =>
        Number(
          (
            await t.db.transaction((em) =>
              em.query(
                "SELECT COUNT(*) AS n FROM customer_order WHERE status = 'cancelled' AND slot_id = ?",
                [f.slotId],
              ),
            )
          )[0].n,
        );
      await waitUntil('all 20 orders to expire', async () => (await cancelledCount()) === 20, 20_000);
      expect(await stockOf(t, f.centerId, skuId)).toEqual({ sellable: 100, reserved: 0 });
      expect(await slotBooked(t, f.slotId)).toBe(0);
      for (const id of ids) expect(await outboxCount(t, 'order.cancelled', id)).toBe(1);
      const [transitions] = await t.db.transaction((em) =>
        em.query(
          `SELECT COUNT(*) AS n FROM order_transition WHERE to_status = 'cancelled' AND order_id IN (${ids.map(() => '?').join(',')})`,
          ids,
        ),
      );
      expect(Number(transitions.n)).toBe(20);
    } finally {
      await second.app.close();
    }
  });
});
