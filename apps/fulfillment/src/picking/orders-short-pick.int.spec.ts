import { randomUUID } from 'node:crypto';
import {
  address,
  checkout,
  createFixture,
  payCallback,
  startOrdersTestApp,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';
import { FulfillmentTestKit, inDays, waitFor } from '@harvest/fulfillment/testing';

/**
 * Fulfillment and the real orders service in one process, talking only through Kafka (each on its own
 * MariaDB schemas). It lives with picking because the scanner's short pick is what it proves: the physical
 * count fulfillment owns reaches orders' sellable figure, and a short pick ends as a refund of exactly the
 * missing part with availability right on both sides. The orders side is the same kit callcenter uses.
 */
describe('fulfillment and orders together: receive, sell, pick short, refund (MariaDB + Kafka)', () => {
  let orders: OrdersTestApp;
  let f: Fixture;
  let kit: FulfillmentTestKit;
  let refunded: Awaited<ReturnType<FulfillmentTestKit['watchTopic']>>;
  let stockChanged: Awaited<ReturnType<FulfillmentTestKit['watchTopic']>>;
  const bin = (code: string) => `${f.centerId}-${code}`.toUpperCase();

  beforeAll(async () => {
    orders = await startOrdersTestApp({
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:9092',
      EVENTS_MAX_ATTEMPTS: '20',
      EVENTS_RETRY_BACKOFF_MAX_MS: '1000',
    });
    f = await createFixture(orders);
    kit = await FulfillmentTestKit.start();
    await kit.createCenter(f.centerId);
    refunded = await kit.watchTopic('order.refunded');
    stockChanged = await kit.watchTopic('inventory.stock-changed');
  }, 180_000);

  afterAll(async () => {
    await refunded?.stop();
    await stockChanged?.stop();
    await kit?.close();
    await orders?.close();
  });

  const admin = async () => ({ authorization: `Bearer ${await orders.token('admin', 'ops-1')}` });
  const level = async (skuId: string) => {
    const res = await orders.app.inject({
      method: 'GET',
      url: `/inventory/${f.centerId}/${skuId}`,
      headers: await admin(),
    });
    return res.statusCode === 200
      ? (res.json() as { sellable: number; reserved: number; available: number })
      : null;
  };
  const levelBecomes = (skuId: string, expected: { sellable: number; reserved: number; available: number }) =>
    waitFor(
      `orders' stock of ${skuId} to be ${JSON.stringify(expected)}`,
      async () => {
        const current = await level(skuId);
        return (
          current &&
          current.sellable === expected.sellable &&
          current.reserved === expected.reserved &&
          current.available === expected.available
        );
      },
      60_000,
    );
  const orderView = async (id: string) =>
    (await orders.app.inject({ method: 'GET', url: `/orders/${id}`, headers: await admin() })).json();

  it('a lot put away becomes sellable in orders; a short pick refunds exactly the missing part and leaves availability right', async () => {
    // Catalog's SKU event reaches both services (one topic, each its own consumer group).
    const apples = await kit.publishSku({
      skuId: `sku-apple-${kit.suffix}`,
      name: '有机苹果',
      priceFen: 1290,
      temperatureClass: 'chilled',
    });
    const spinach = await kit.publishSku({
      skuId: `sku-spinach-${kit.suffix}`,
      name: '有机菠菜',
      priceFen: 735,
      temperatureClass: 'chilled',
    });
    await waitFor(
      'orders to hold both SKUs',
      async () => {
        const rows = await orders.db.transaction((em) =>
          em.query('SELECT sku_id FROM sku_snapshot WHERE sku_id IN (?, ?)', [apples.skuId, spinach.skuId]),
        );
        return rows.length === 2;
      },
      60_000,
    );

    // 1. Fulfillment receives and puts away; its count becomes orders' sellable figure.
    const appleLot = await kit.stockLot({
      skuId: apples.skuId,
      centerId: f.centerId,
      quantity: 10,
      expiryDate: inDays(10),
      bin: bin('CHL-01'),
    });
    const spinachLot = await kit.stockLot({
      skuId: spinach.skuId,
      centerId: f.centerId,
      quantity: 6,
      expiryDate: inDays(10),
      bin: bin('CHL-02'),
    });
    await levelBecomes(apples.skuId, { sellable: 10, reserved: 0, available: 10 });
    await levelBecomes(spinach.skuId, { sellable: 6, reserved: 0, available: 6 });

    // 2. A customer checks out (reserving) and the provider's signed callback pays.
    const placed = await checkout(orders, 'cust-cross-1', {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [
        { skuId: apples.skuId, quantity: 4 },
        { skuId: spinach.skuId, quantity: 3 },
      ],
    });
    expect(placed.statusCode).toBe(201);
    const order = placed.json() as { id: string; totalFen: number };
    expect(order.totalFen).toBe(4 * 1290 + 3 * 735);
    expect(await level(apples.skuId)).toMatchObject({ sellable: 10, reserved: 4, available: 6 });
    const paid = await payCallback(orders, {
      paymentId: `pay-${randomUUID()}`,
      orderId: order.id,
      amountFen: order.totalFen,
      status: 'succeeded',
    });
    expect(paid.statusCode).toBe(200);

    // 3. Fulfillment allocates FEFO from order.placed + order.paid and creates the pick tasks.
    const tasks = await waitFor(
      'pick tasks for the order',
      async () => {
        const rows = await kit.query<{ sku_id: string; lot_id: string; quantity: number }>(
          'SELECT sku_id, lot_id, quantity FROM {db}.pick_task WHERE order_id = ? ORDER BY sku_id',
          [order.id],
        );
        return rows.length === 2 ? rows : null;
      },
      60_000,
    );
    expect(tasks.map((t) => [t.sku_id, t.lot_id, Number(t.quantity)])).toEqual(
      [
        [apples.skuId, appleLot.id, 4],
        [spinach.skuId, spinachLot.id, 3],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    // 4. The scanner: apples picked in full; spinach short, one good bunch, the rest damaged.
    const scanner = await kit.scannerToken(f.centerId, 'picker-7');
    const step = (taskId: string, action: string, body: object) =>
      kit.request('POST', `/scanner/tasks/${taskId}/${action}`, scanner, body);
    let finished: string | undefined;
    for (let n = 0; n < 2; n++) {
      const next = await kit.request('POST', '/scanner/tasks/next', scanner);
      expect(next.statusCode).toBe(200);
      const task = next.json().task as {
        taskId: string;
        skuId: string;
        locationBarcode: string;
        lotBarcode: string;
        quantity: number;
      };
      expect(
        (await step(task.taskId, 'scan-location', { barcode: task.locationBarcode })).json(),
      ).toMatchObject({ status: 'at_location' });
      expect((await step(task.taskId, 'scan-lot', { barcode: task.lotBarcode })).json()).toMatchObject({
        status: 'lot_scanned',
      });
      const done =
        task.skuId === apples.skuId
          ? await step(task.taskId, 'confirm', { quantity: task.quantity })
          : await step(task.taskId, 'short', { reason: 'damaged', pickedQuantity: 1 });
      expect(done.statusCode).toBe(200);
      finished = done.json().orderPicking ?? finished;
    }
    expect(finished).toBe('short_picked');
    expect((await kit.request('POST', '/scanner/tasks/next', scanner)).json()).toEqual({ task: null });

    // The short-picked event carries the count after the pick (lines in SKU order), which orders applies with the refund.
    const [shortPicked] = await kit.outbox('fulfillment.short-picked', order.id);
    expect(shortPicked!.payload.stockAfter).toEqual([
      expect.objectContaining({ skuId: apples.skuId, onHand: 6, sellable: 6 }),
      expect.objectContaining({ skuId: spinach.skuId, onHand: 3, sellable: 3 }),
    ]);

    // 5. Orders records the refund of exactly the two missing bunches, in integer fen, and emits order.refunded.
    const refund = await waitFor(
      'order.refunded for the order',
      async () => refunded.received.find((e) => e.key === order.id),
      60_000,
    );
    expect(refund.payload).toMatchObject({
      orderId: order.id,
      amountFen: 2 * 735,
      reason: 'short_pick',
      full: false,
      lines: [{ skuId: spinach.skuId, amountFen: 1470 }],
    });
    const view = await orderView(order.id);
    expect(view).toMatchObject({ status: 'picking', refundedFen: 1470 });
    expect(view.lines.find((l: { skuId: string }) => l.skuId === spinach.skuId)).toMatchObject({
      pickedQuantity: 1,
    });

    // 6. Availability: reservations ended; the picked and written-off units left the count (10 - 4, 6 - 3).
    await levelBecomes(apples.skuId, { sellable: 6, reserved: 0, available: 6 });
    await levelBecomes(spinach.skuId, { sellable: 3, reserved: 0, available: 3 });
    const lastAnnounced = (skuId: string) =>
      waitFor(
        `inventory.stock-changed of ${skuId} on Kafka`,
        async () => {
          const last = stockChanged.received.filter((e) => e.key === `${skuId}@${f.centerId}`).at(-1);
          return last && last.payload.reserved === 0 ? last.payload : null;
        },
        60_000,
      );
    expect(await lastAnnounced(apples.skuId)).toMatchObject({ onHand: 6, reserved: 0, available: 6 });
    expect(await lastAnnounced(spinach.skuId)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    const [spinachBin] = await kit.query<{ on_hand: number; allocated: number }>(
      'SELECT on_hand, allocated FROM {db}.lot_stock WHERE lot_id = ?',
      [spinachLot.id],
    );
    expect([Number(spinachBin!.on_hand), Number(spinachBin!.allocated)]).toEqual([3, 0]);
  }, 240_000);
});
