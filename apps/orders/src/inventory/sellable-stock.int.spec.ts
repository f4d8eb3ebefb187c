import { fulfillmentPickedV1 } from '@harvest/contracts/fulfillment-picked';
import { stockCountedV1, type StockCountedV1 } from '@harvest/contracts/fulfillment-stock-counted';
import { randomUUID } from 'node:crypto';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  payCallback,
  publish,
  setStock,
  skuState,
  startOrdersTestApp,
  waitUntil,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';

describe('sellable stock from fulfillment counts, reservations by orders (real MariaDB, embedded events)', () => {
  let t: OrdersTestApp;
  let f: Fixture;
  const sku = (name: string) => `sku-${t.runId}-${name}`;
  const admin = async () => ({ authorization: `Bearer ${await t.token('admin', 'ops-1')}` });
  const level = async (skuId: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/inventory/${f.centerId}/${skuId}`, headers: await admin() })
    ).json();
  const count = (skuId: string, over: Partial<StockCountedV1>): StockCountedV1 => ({
    skuId,
    fulfillmentCenterId: f.centerId,
    onHand: 0,
    sellable: 0,
    held: 0,
    version: 1,
    countedAt: new Date().toISOString(),
    ...over,
  });
  const consumed = (n: number) =>
    waitUntil(`${n} stock counts consumed`, async () => {
      const [row] = await t.db.transaction((em) =>
        em.query("SELECT COUNT(*) AS n FROM inbox_event WHERE consumer = 'orders.stock-counted'"),
      );
      return Number(row.n) >= n;
    });
  /** The last inventory.stock-changed orders announced for the SKU. */
  const lastAnnounced = async (skuId: string) => {
    const [row] = await t.db.transaction((em) =>
      em.query(
        "SELECT payload FROM outbox_event WHERE type = 'inventory.stock-changed' AND event_key = ? ORDER BY id DESC LIMIT 1",
        [`${skuId}@${f.centerId}`],
      ),
    );
    const stored = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
    return stored.payload ?? stored;
  };
  let countsSent = 0;
  const sendCount = async (c: StockCountedV1) => {
    await publish(t, stockCountedV1, `${c.skuId}@${c.fulfillmentCenterId}`, c);
    countsSent++;
  };

  beforeAll(async () => {
    t = await startOrdersTestApp();
    f = await createFixture(t);
    await applySkus(t, [skuState(sku('kale')), skuState(sku('leek')), skuState(sku('baseline'))]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('applies a newer count, ignores an older one, and announces the available amount', async () => {
    const id = sku('kale');
    await sendCount(count(id, { version: 3, onHand: 40, sellable: 30, held: 10 }));
    await sendCount(count(id, { version: 2, onHand: 99, sellable: 99 }));
    await sendCount(count(id, { fulfillmentCenterId: `fc-unknown-${t.runId}`, version: 9, sellable: 5 }));
    await consumed(countsSent);
    expect(await level(id)).toMatchObject({ sellable: 30, sellableVersion: 3, reserved: 0, available: 30 });
    expect(await lastAnnounced(id)).toMatchObject({ onHand: 30, reserved: 0, available: 30 });
  });

  it('reserves only what is available; a count below the reservations leaves nothing available', async () => {
    const id = sku('leek');
    await sendCount(count(id, { version: 1, onHand: 5, sellable: 5 }));
    await consumed(countsSent);
    const order = (n: number) =>
      checkout(t, `cust-${randomUUID()}`, {
        address: address(f.zoneId),
        slotId: f.slotId,
        lines: [{ skuId: id, quantity: n }],
      });
    expect((await order(4)).statusCode).toBe(201);
    expect((await order(2)).statusCode).toBe(409);
    // A QA hold in fulfillment drops the count under what is reserved: accepted, nothing more can be sold.
    await sendCount(count(id, { version: 2, onHand: 5, sellable: 2, held: 3 }));
    await consumed(countsSent);
    expect(await level(id)).toMatchObject({ sellable: 2, reserved: 4, available: 0 });
    expect(await lastAnnounced(id)).toMatchObject({ onHand: 2, reserved: 4, available: 0 });
    expect((await order(1)).statusCode).toBe(409);
  });

  it('an admin baseline holds until fulfillment counts the SKU; a baseline does not outrank a count', async () => {
    const id = sku('baseline');
    await setStock(t, f.centerId, id, 500);
    expect(await level(id)).toMatchObject({ sellable: 500, sellableVersion: 0, available: 500 });
    await sendCount(count(id, { version: 1, onHand: 60, sellable: 60 }));
    await consumed(countsSent);
    expect(await level(id)).toMatchObject({ sellable: 60, sellableVersion: 1 });
    await setStock(t, f.centerId, id, 70);
    expect(await level(id)).toMatchObject({ sellable: 70, sellableVersion: 1 });
    await sendCount(count(id, { version: 2, onHand: 55, sellable: 55 }));
    await consumed(countsSent);
    expect(await level(id)).toMatchObject({ sellable: 55, sellableVersion: 2 });
    const wrong = await t.app.inject({
      method: 'PUT',
      url: `/inventory/${f.centerId}/${id}`,
      headers: await admin(),
      payload: { onHand: 5 },
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('a picked event ends the reservation and applies its count only when newer than the one held', async () => {
    const [older, newer] = [sku('pick-older'), sku('pick-newer')];
    await applySkus(t, [skuState(older), skuState(newer)]);
    await sendCount(count(older, { version: 5, onHand: 20, sellable: 20 }));
    await sendCount(count(newer, { version: 5, onHand: 20, sellable: 20 }));
    await consumed(countsSent);
    const placed = await checkout(t, 'cust-picked', {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [
        { skuId: older, quantity: 3 },
        { skuId: newer, quantity: 3 },
      ],
    });
    expect(placed.statusCode).toBe(201);
    const { id: orderId, totalFen } = placed.json();
    const paid = await payCallback(t, {
      paymentId: `pay-${randomUUID()}`,
      orderId,
      amountFen: totalFen,
      status: 'succeeded',
    });
    expect(paid.statusCode).toBe(200);
    // For `older`, a later count (v7: a receipt after the pick) arrived before the picked event's v6.
    await sendCount(count(older, { version: 6, onHand: 17, sellable: 17 }));
    await sendCount(count(older, { version: 7, onHand: 27, sellable: 27 }));
    await consumed(countsSent);
    await publish(t, fulfillmentPickedV1, orderId, {
      orderId,
      fulfillmentCenterId: f.centerId,
      waveId: null,
      lines: [
        { skuId: older, quantity: 3, lotIds: ['lot-o'] },
        { skuId: newer, quantity: 3, lotIds: ['lot-n'] },
      ],
      pickedBy: 'picker-1',
      pickedAt: new Date().toISOString(),
      stockAfter: [
        { skuId: older, onHand: 17, sellable: 17, held: 0, version: 6 },
        { skuId: newer, onHand: 17, sellable: 17, held: 0, version: 7 },
      ],
    });
    await waitUntil('the order to be picking', async () => {
      const view = await t.app.inject({ method: 'GET', url: `/orders/${orderId}`, headers: await admin() });
      return view.json().status === 'picking';
    });
    expect(await level(older)).toMatchObject({
      sellable: 27,
      sellableVersion: 7,
      reserved: 0,
      available: 27,
    });
    const afterPick = { sellable: 17, sellableVersion: 7, reserved: 0, available: 17 };
    expect(await level(newer)).toMatchObject(afterPick);
    expect(await lastAnnounced(newer)).toMatchObject({ onHand: 17, reserved: 0, available: 17 });
    // For `newer`, the count of the task's confirm (v6) comes after the picked event's (v7): ignored.
    await sendCount(count(newer, { version: 6, onHand: 19, sellable: 19 }));
    await consumed(countsSent);
    expect(await level(newer)).toMatchObject(afterPick);
  });
});
