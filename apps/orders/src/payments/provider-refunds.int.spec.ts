import { AlipayTestServer, WechatPayTestServer } from '@harvest/platform/payments/testing';
import { randomUUID } from 'node:crypto';
import { fulfillmentShortPickedV1 } from '@harvest/contracts/fulfillment-short-picked';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  paymentProvidersEnv,
  publish,
  setStock,
  skuState,
  startOrdersTestApp,
  waitUntil,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';
import { OrderRefundedConsumer } from './order-refunded.consumer';
import { RefundExecutionJob } from './refund-execution.job';

describe('refunds executed at WeChat Pay and Alipay (test servers, real MariaDB, the real event transport)', () => {
  const wechat = new WechatPayTestServer();
  const alipay = new AlipayTestServer();
  let t: OrdersTestApp;
  let f: Fixture;
  let skuId: string;
  let job: RefundExecutionJob;

  beforeAll(async () => {
    await Promise.all([wechat.start(), alipay.start()]);
    t = await startOrdersTestApp(paymentProvidersEnv(wechat, alipay));
    f = await createFixture(t);
    skuId = `sku-${t.runId}-pak-choi`;
    await applySkus(t, [skuState(skuId, { priceFen: 1290 })]);
    await setStock(t, f.centerId, skuId, 1000);
    job = t.app.get(RefundExecutionJob);
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all([wechat.stop(), alipay.stop()]);
  });

  const sql = (query: string, params: unknown[] = []) => t.db.transaction((em) => em.query(query, params));
  const bearer = async (role: 'customer' | 'admin', subject: string) => ({
    authorization: `Bearer ${await t.token(role, subject)}`,
  });
  const outTradeNoOf = (paymentId: string) => paymentId.replace(/-/g, '');
  /** Every later sweep is far enough ahead that any backoff so far is over. */
  let clock = Date.now();
  const sweepLater = () => job.sweep(new Date((clock += 3600_000)));

  /** A placed order paid through `channel` (code, payment, signed notification). */
  const paidOrder = async (customer: string, channel: 'wechatpay' | 'alipay') => {
    const placed = await checkout(t, customer, {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId, quantity: 2 }],
    });
    const order = placed.json() as { id: string; totalFen: number };
    const payment = (
      await t.app.inject({
        method: 'POST',
        url: `/orders/${order.id}/payments`,
        headers: { ...(await bearer('customer', customer)), 'idempotency-key': randomUUID() },
        payload: { channel },
      })
    ).json() as { paymentId: string };
    const outTradeNo = outTradeNoOf(payment.paymentId);
    if (channel === 'wechatpay') {
      const n = wechat.pay(outTradeNo);
      const paid = await t.app.inject({
        method: 'POST',
        url: '/payments/notifications/wechatpay',
        headers: { ...n.headers, 'content-type': 'application/json' },
        payload: n.body,
      });
      expect(paid.statusCode).toBe(200);
    } else {
      const paid = await t.app.inject({
        method: 'POST',
        url: '/payments/notifications/alipay',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: alipay.pay(outTradeNo),
      });
      expect(paid.body).toBe('success');
    }
    return { order, outTradeNo, paymentId: payment.paymentId };
  };
  const refundsOfOrder = (orderId: string) =>
    sql(
      'SELECT id, out_refund_no, amount_fen, reason, status, attempts, last_error FROM provider_refund WHERE order_id = ? ORDER BY created_at',
      [orderId],
    ) as Promise<
      Array<{
        id: string;
        out_refund_no: string;
        amount_fen: number;
        reason: string;
        status: string;
        attempts: number;
        last_error: string | null;
      }>
    >;
  const queued = (orderId: string, count = 1) =>
    waitUntil(
      `${count} provider refund(s) queued for ${orderId}`,
      async () => (await refundsOfOrder(orderId)).length >= count,
      30_000,
    );

  it('an admin refund becomes one WeChat Pay refund, despite a 5xx, a lost answer and the event delivered again', async () => {
    const { order, outTradeNo } = await paidOrder('cust-rf-1', 'wechatpay');
    const refund = await t.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/refunds`,
      headers: { ...(await bearer('admin', 'ops-1')), 'idempotency-key': randomUUID() },
      payload: { amountFen: 500, reason: 'goodwill' },
    });
    expect(refund.statusCode).toBe(201);
    await queued(order.id);

    // The relay restarted before marking the event published: the same event comes again, through the
    // transport and straight into the consumer; the inbox lets it take effect once.
    const [row] = await sql("SELECT * FROM outbox_event WHERE type = 'order.refunded' AND event_key = ?", [
      order.id,
    ]);
    await sql('UPDATE outbox_event SET published_at = NULL WHERE id = ?', [row.id]);
    await waitUntil(
      'the event to be relayed again',
      async () =>
        (await sql('SELECT published_at FROM outbox_event WHERE id = ?', [row.id]))[0].published_at !== null,
    );
    const envelope = {
      eventId: row.event_id,
      type: row.type,
      version: Number(row.version),
      topic: row.topic,
      key: row.event_key,
      occurredAt: new Date(row.occurred_at).toISOString(),
      payload: JSON.parse(row.payload),
      headers: JSON.parse(row.headers),
    };
    await t.app.get(OrderRefundedConsumer).onRefunded(envelope);
    expect(await refundsOfOrder(order.id)).toHaveLength(1);

    wechat.failNext(1, 500); // refused before doing anything
    wechat.failNext(1, 502, { afterProcessing: true }); // refunded, but the answer is lost
    await sweepLater();
    await sweepLater();
    expect(await refundsOfOrder(order.id)).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 2 }),
    ]);
    await sweepLater();
    await sweepLater(); // settled: not sent again
    const [done] = await refundsOfOrder(order.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      amount_fen: 500,
      out_refund_no: done!.id.replace(/-/g, ''),
    });
    expect(wechat.refundsOf(outTradeNo)).toEqual([
      expect.objectContaining({ refundFen: 500, outRefundNo: done!.out_refund_no }),
    ]);
    expect(
      await sql(
        'SELECT from_status, to_status, actor, provider_reference FROM provider_refund_event WHERE refund_id = ? ORDER BY id',
        [done!.id],
      ),
    ).toEqual([
      { from_status: null, to_status: 'pending', actor: 'admin:ops-1', provider_reference: null },
      {
        from_status: 'pending',
        to_status: 'succeeded',
        actor: 'system:refund-execution',
        provider_reference: wechat.refundsOf(outTradeNo)[0]!.refundId,
      },
    ]);
  });

  it('a cancelled paid order is refunded in full at Alipay, once, with the gateway answering 502 twice', async () => {
    const { order, outTradeNo } = await paidOrder('cust-rf-2', 'alipay');
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/cancel`,
      headers: await bearer('customer', 'cust-rf-2'),
      payload: {},
    });
    expect(cancel.statusCode).toBe(200);
    await queued(order.id);
    alipay.failNext(2);
    for (let i = 0; i < 4; i++) await sweepLater();
    expect(await refundsOfOrder(order.id)).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        attempts: 3,
        amount_fen: order.totalFen,
        reason: 'cancellation',
      }),
    ]);
    expect(alipay.refundsOf(outTradeNo)).toEqual([expect.objectContaining({ refundFen: order.totalFen })]);
  });

  it('a short pick (fulfillment event through the transport) becomes an Alipay refund of the missing part', async () => {
    const { order, outTradeNo } = await paidOrder('cust-rf-5', 'alipay');
    await publish(t, fulfillmentShortPickedV1, order.id, {
      orderId: order.id,
      fulfillmentCenterId: f.centerId,
      waveId: 'wave-21',
      lines: [{ skuId, orderedQuantity: 2, pickedQuantity: 1, reason: 'damaged', lotIds: ['lot-21'] }],
      pickedBy: 'picker-21',
      pickedAt: new Date().toISOString(),
    });
    await queued(order.id);
    await sweepLater();
    expect(await refundsOfOrder(order.id)).toEqual([
      expect.objectContaining({ status: 'succeeded', reason: 'short_pick', amount_fen: 1290 }),
    ]);
    expect(alipay.refundsOf(outTradeNo)).toEqual([expect.objectContaining({ refundFen: 1290 })]);
  });

  it('money that arrives after the order was cancelled goes back automatically', async () => {
    const placed = await checkout(t, 'cust-rf-3', {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId, quantity: 1 }],
    });
    const order = placed.json() as { id: string; totalFen: number };
    const payment = (
      await t.app.inject({
        method: 'POST',
        url: `/orders/${order.id}/payments`,
        headers: { ...(await bearer('customer', 'cust-rf-3')), 'idempotency-key': randomUUID() },
        payload: { channel: 'wechatpay' },
      })
    ).json() as { paymentId: string };
    await t.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/cancel`,
      headers: await bearer('customer', 'cust-rf-3'),
      payload: {},
    });
    const n = wechat.pay(outTradeNoOf(payment.paymentId));
    const late = await t.app.inject({
      method: 'POST',
      url: '/payments/notifications/wechatpay',
      headers: { ...n.headers, 'content-type': 'application/json' },
      payload: n.body,
    });
    expect(late.statusCode).toBe(200);
    await sweepLater();
    expect(await refundsOfOrder(order.id)).toEqual([
      expect.objectContaining({ status: 'succeeded', reason: 'late_payment', amount_fen: order.totalFen }),
    ]);
    expect(wechat.refundsOf(outTradeNoOf(payment.paymentId))).toHaveLength(1);
    const [{ status }] = await sql('SELECT status FROM customer_order WHERE id = ?', [order.id]);
    expect(status).toBe('cancelled');
  });

  it('a refund the provider refuses is kept as refused with its code, and not sent again', async () => {
    const { order, outTradeNo } = await paidOrder('cust-rf-4', 'wechatpay');
    await t.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/refunds`,
      headers: { ...(await bearer('admin', 'ops-1')), 'idempotency-key': randomUUID() },
      payload: { amountFen: 100, reason: 'damaged_on_delivery' },
    });
    await queued(order.id);
    wechat.refundRefusal = 'NOT_ENOUGH';
    try {
      await sweepLater();
      await sweepLater();
    } finally {
      wechat.refundRefusal = null;
    }
    expect(await refundsOfOrder(order.id)).toEqual([
      expect.objectContaining({
        status: 'refused',
        attempts: 1,
        last_error: 'the provider answered NOT_ENOUGH',
      }),
    ]);
    expect(wechat.refundsOf(outTradeNo)).toEqual([]);

    // Agents and admins see it with its reason; the customer sees their refund's state, not the internals.
    const staff = await t.app.inject({
      method: 'GET',
      url: `/orders/${order.id}/payments`,
      headers: await bearer('admin', 'ops-1'),
    });
    expect(staff.statusCode).toBe(200);
    expect(staff.json().refunds).toEqual([
      expect.objectContaining({
        amountFen: 100,
        status: 'refused',
        lastError: 'the provider answered NOT_ENOUGH',
        history: [
          expect.objectContaining({ to: 'pending', actor: 'admin:ops-1' }),
          expect.objectContaining({ from: 'pending', to: 'refused', detail: 'NOT_ENOUGH' }),
        ],
      }),
    ]);
    expect(staff.json().payments).toEqual([
      expect.objectContaining({
        status: 'paid',
        outTradeNo,
        history: expect.arrayContaining([
          expect.objectContaining({ to: 'paid', actor: 'provider:wechatpay' }),
        ]),
      }),
    ]);
    const own = await t.app.inject({
      method: 'GET',
      url: `/orders/${order.id}/payments`,
      headers: await bearer('customer', 'cust-rf-4'),
    });
    expect(own.json().refunds[0]).not.toHaveProperty('lastError');
    expect(own.json().payments[0]).not.toHaveProperty('history');
    const other = await t.app.inject({
      method: 'GET',
      url: `/orders/${order.id}/payments`,
      headers: await bearer('customer', 'cust-else'),
    });
    expect(other.statusCode).toBe(404);
  });
});
