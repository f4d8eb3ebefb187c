import { fulfillmentDeliveredV1 } from '@harvest/contracts/fulfillment-delivered';
import { fulfillmentPackedV1 } from '@harvest/contracts/fulfillment-packed';
import { fulfillmentPickedV1 } from '@harvest/contracts/fulfillment-picked';
import { fulfillmentShippedV1 } from '@harvest/contracts/fulfillment-shipped';
import { fulfillmentShortPickedV1 } from '@harvest/contracts/fulfillment-short-picked';
import { randomUUID } from 'node:crypto';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  outboxCount,
  payCallback,
  publish,
  setStock,
  skuState,
  startOrdersTestApp,
  stockOf,
  waitUntil,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';

describe('lifecycle driven by fulfillment events through Kafka', () => {
  let t: OrdersTestApp;
  let f: Fixture;
  let apples: string;
  let pork: string;
  const now = () => new Date().toISOString();

  beforeAll(async () => {
    t = await startOrdersTestApp({
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:9092',
      EVENTS_MAX_ATTEMPTS: '20',
      EVENTS_RETRY_BACKOFF_MAX_MS: '1000',
    });
    f = await createFixture(t);
    apples = `sku-${t.runId}-apples`;
    pork = `sku-${t.runId}-pork`;
    await applySkus(t, [
      skuState(apples, { priceFen: 1000 }),
      skuState(pork, { soldBy: 'weight', priceFen: 3000, name: '有机五花肉' }),
    ]);
    await setStock(t, f.centerId, apples, 100);
    await setStock(t, f.centerId, pork, 50_000);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const admin = async () => ({ authorization: `Bearer ${await t.token('admin', 'ops-1')}` });
  const view = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/orders/${id}`, headers: await admin() })).json();
  const reach = (id: string, status: string) =>
    waitUntil(`order ${id} to be ${status}`, async () => (await view(id)).status === status, 60_000);

  /** Every line of a placePaid order picked in full. */
  const fullPick = (orderId: string, pickedBy: string) => ({
    orderId,
    fulfillmentCenterId: f.centerId,
    waveId: null,
    lines: [
      { skuId: apples, quantity: 4, lotIds: ['lot-a'] },
      { skuId: pork, quantity: 1000, lotIds: ['lot-p'] },
    ],
    pickedBy,
    pickedAt: now(),
  });

  async function placePaid(customer: string): Promise<{ id: string; totalFen: number }> {
    const placed = await checkout(t, customer, {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [
        { skuId: apples, quantity: 4 },
        { skuId: pork, estimatedWeightGrams: 1000 },
      ],
    });
    expect(placed.statusCode).toBe(201);
    const order = placed.json();
    expect(order.totalFen).toBe(4 * 1000 + 6000);
    const paid = await payCallback(t, {
      paymentId: `pay-${randomUUID()}`,
      orderId: order.id,
      amountFen: order.totalFen,
      status: 'succeeded',
    });
    expect(paid.json().outcome).toBe('paid');
    return order;
  }

  it('short pick → partial refund, packed → weight settled, shipped, delivered; every step recorded', async () => {
    const order = await placePaid('cust-kafka');
    const stockBefore = await stockOf(t, f.centerId, apples);

    await publish(t, fulfillmentShortPickedV1, order.id, {
      orderId: order.id,
      fulfillmentCenterId: f.centerId,
      waveId: 'wave-1',
      lines: [
        { skuId: apples, orderedQuantity: 4, pickedQuantity: 3, reason: 'damaged', lotIds: ['lot-a'] },
        { skuId: pork, orderedQuantity: 1000, pickedQuantity: 1000, reason: null, lotIds: ['lot-p'] },
      ],
      pickedBy: 'picker-1',
      pickedAt: now(),
    });
    await reach(order.id, 'picking');
    let current = await view(order.id);
    expect(current.refundedFen).toBe(1000);
    expect(current.refunds).toEqual([
      expect.objectContaining({
        amountFen: 1000,
        reason: 'short_pick',
        lines: [{ skuId: apples, amountFen: 1000 }],
      }),
    ]);
    // No count came with the event (stockAfter is optional): the reserved units leave the sellable figure too.
    expect(await stockOf(t, f.centerId, apples)).toEqual({
      sellable: stockBefore.sellable - 4,
      reserved: stockBefore.reserved - 4,
    });

    await publish(t, fulfillmentPackedV1, order.id, {
      orderId: order.id,
      fulfillmentCenterId: f.centerId,
      weighedLines: [{ skuId: pork, actualWeightGrams: 900 }],
      parcels: [
        { parcelId: 'parcel-1', packaging: 'insulated_box', coolant: 'gel_pack', grossWeightGrams: 4200 },
      ],
      packedBy: 'packer-1',
      packedAt: now(),
    });
    await reach(order.id, 'packed');
    current = await view(order.id);
    expect(current.refundedFen).toBe(1000 + 600); // 1000 g estimated at 60.00, 900 g packed: 6.00 back
    expect(current.lines.find((l: { skuId: string }) => l.skuId === pork).actualWeightGrams).toBe(900);

    await publish(t, fulfillmentShippedV1, order.id, {
      orderId: order.id,
      fulfillmentCenterId: f.centerId,
      carrier: 'SF',
      trackingNumber: 'SF123',
      shippedAt: now(),
    });
    await reach(order.id, 'shipped');
    await publish(t, fulfillmentDeliveredV1, order.id, {
      orderId: order.id,
      fulfillmentCenterId: f.centerId,
      receivedBy: 'doorstep',
      deliveredAt: now(),
    });
    await reach(order.id, 'delivered');

    current = await view(order.id);
    expect(current.transitions.map((x: { to: string; actor: string }) => `${x.to} by ${x.actor}`)).toEqual([
      'pending_payment by customer:cust-kafka',
      expect.stringMatching(/^paid by payment:pay-/),
      'allocated by system',
      'picking by fulfillment:picker-1',
      'packed by fulfillment:packer-1',
      'shipped by fulfillment',
      'delivered by fulfillment',
    ]);
    expect(await outboxCount(t, 'order.refunded', order.id)).toBe(2);
  });

  it('a full pick moves the order to picking without a refund, and a cancel after picking is 409', async () => {
    const order = await placePaid('cust-kafka-2');
    await publish(t, fulfillmentPickedV1, order.id, fullPick(order.id, 'picker-2'));
    await reach(order.id, 'picking');
    expect((await view(order.id)).refundedFen).toBe(0);
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/cancel`,
      headers: await admin(),
      payload: {},
    });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().type).toBe('urn:harvest:problem:illegal-transition');
  });

  it('a step that arrives before the one it follows (another topic) waits for it, and a duplicate takes effect once', async () => {
    const order = await placePaid('cust-kafka-3');
    const packed = {
      orderId: order.id,
      fulfillmentCenterId: f.centerId,
      weighedLines: [{ skuId: pork, actualWeightGrams: 1000 }],
      parcels: [
        {
          parcelId: 'parcel-3',
          packaging: 'insulated_box' as const,
          coolant: 'gel_pack' as const,
          grossWeightGrams: 5000,
        },
      ],
      packedBy: 'packer-3',
      packedAt: now(),
    };
    await publish(t, fulfillmentPackedV1, order.id, packed);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await view(order.id)).status).toBe('allocated');
    const picked = fullPick(order.id, 'picker-3');
    await publish(t, fulfillmentPickedV1, order.id, picked);
    await publish(t, fulfillmentPickedV1, order.id, picked); // fulfillment sent it twice
    await reach(order.id, 'packed');
    const current = await view(order.id);
    expect(current.transitions.map((x: { to: string }) => x.to)).toEqual([
      'pending_payment',
      'paid',
      'allocated',
      'picking',
      'packed',
    ]);
    expect(current.refundedFen).toBe(0);
  });
});
