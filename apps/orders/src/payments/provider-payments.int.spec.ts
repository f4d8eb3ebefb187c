import { AlipayTestServer, WechatPayTestServer } from '@harvest/platform/payments/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  outboxCount,
  paymentProvidersEnv,
  setStock,
  skuState,
  startOrdersTestApp,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';
import { PaymentQueryJob } from './payment-query.job';

describe('payments through WeChat Pay and Alipay (their protocol-faithful test servers, real MariaDB)', () => {
  const wechat = new WechatPayTestServer();
  const alipay = new AlipayTestServer();
  let t: OrdersTestApp;
  let f: Fixture;
  let skuId: string;

  beforeAll(async () => {
    await Promise.all([wechat.start(), alipay.start()]);
    t = await startOrdersTestApp(paymentProvidersEnv(wechat, alipay));
    f = await createFixture(t);
    skuId = `sku-${t.runId}-bok-choy`;
    await applySkus(t, [skuState(skuId, { priceFen: 1290 })]);
    await setStock(t, f.centerId, skuId, 1000);
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all([wechat.stop(), alipay.stop()]);
  });

  const place = async (customer: string, quantity = 2): Promise<{ id: string; totalFen: number }> => {
    const placed = await checkout(t, customer, {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId, quantity }],
    });
    expect(placed.statusCode).toBe(201);
    return placed.json();
  };
  const startPayment = async (customer: string, orderId: string, channel: string, key = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: `/orders/${orderId}/payments`,
      headers: { authorization: `Bearer ${await t.token('customer', customer)}`, 'idempotency-key': key },
      payload: { channel },
    });
  const postWechat = (n: { headers: Record<string, string>; body: string }) =>
    t.app.inject({
      method: 'POST',
      url: '/payments/notifications/wechatpay',
      headers: { ...n.headers, 'content-type': 'application/json' },
      payload: n.body,
    });
  const postAlipay = (body: string) =>
    t.app.inject({
      method: 'POST',
      url: '/payments/notifications/alipay',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: body,
    });
  const sql = (query: string, params: unknown[]) => t.db.transaction((em) => em.query(query, params));
  const orderStatus = async (id: string) =>
    (await sql('SELECT status FROM customer_order WHERE id = ?', [id]))[0].status as string;
  const events = (paymentId: string) =>
    sql(
      'SELECT from_status, to_status, actor, provider_reference, notification_id FROM payment_event WHERE payment_id = ? ORDER BY id',
      [paymentId],
    ) as Promise<
      Array<{
        from_status: string | null;
        to_status: string;
        actor: string;
        provider_reference: string | null;
        notification_id: string | null;
      }>
    >;
  const writes = async () =>
    (
      await sql(
        'SELECT (SELECT COUNT(*) FROM payment_event) + (SELECT COUNT(*) FROM order_transition) AS n',
        [],
      )
    )[0].n as string;
  const outTradeNoOf = (paymentId: string) => paymentId.replace(/-/g, '');

  it('WeChat Pay: the customer gets a code, the signed notification pays the order once, a replay writes nothing', async () => {
    const order = await place('cust-wx-1');
    const started = await startPayment('cust-wx-1', order.id, 'wechatpay');
    expect(started.statusCode).toBe(201);
    const payment = started.json();
    expect(payment).toMatchObject({
      orderId: order.id,
      channel: 'wechatpay',
      status: 'open',
      amountFen: order.totalFen,
      codeUrl: expect.stringMatching(/^weixin:\/\/wxpay\/bizpayurl\?pr=/),
    });
    // Asked again (a lost answer, another device): the same trade and code, one trade at the provider.
    const again = await startPayment('cust-wx-1', order.id, 'wechatpay');
    expect(again.json()).toMatchObject({ paymentId: payment.paymentId, codeUrl: payment.codeUrl });
    const trade = wechat.trades.get(outTradeNoOf(payment.paymentId))!;
    expect(trade).toMatchObject({
      totalFen: order.totalFen,
      notifyUrl: 'https://orders.harvest.test/payments/notifications/wechatpay',
    });

    const notification = wechat.pay(trade.outTradeNo);
    const answer = await postWechat(notification);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ code: 'SUCCESS', message: '成功' });
    expect(await orderStatus(order.id)).toBe('allocated');
    expect(await outboxCount(t, 'order.paid', order.id)).toBe(1);
    expect(await events(payment.paymentId)).toEqual([
      expect.objectContaining({ from_status: null, to_status: 'creating', actor: 'customer:cust-wx-1' }),
      expect.objectContaining({ from_status: 'creating', to_status: 'open', actor: 'customer:cust-wx-1' }),
      {
        from_status: 'open',
        to_status: 'paid',
        actor: 'provider:wechatpay',
        provider_reference: trade.transactionId,
        notification_id: JSON.parse(notification.body).id,
      },
    ]);

    const before = await writes();
    expect((await postWechat(notification)).statusCode).toBe(200);
    // WeChat Pay resends with a new id when it did not hear us: still one payment.
    expect((await postWechat(wechat.notificationFor(trade.outTradeNo))).statusCode).toBe(200);
    expect(await writes()).toBe(before);
    expect(await outboxCount(t, 'order.paid', order.id)).toBe(1);
  });

  it('WeChat Pay: forged, tampered, stale or undecryptable notifications are refused as problem+json and write nothing', async () => {
    const order = await place('cust-wx-2');
    const payment = (await startPayment('cust-wx-2', order.id, 'wechatpay')).json();
    const outTradeNo = outTradeNoOf(payment.paymentId);
    const genuine = wechat.pay(outTradeNo);
    const before = await writes();
    const refusals = [
      { ...genuine, body: genuine.body.replace('"支付成功"', '"已支付"') },
      {
        ...genuine,
        headers: {
          ...genuine.headers,
          'wechatpay-signature': genuine.headers['wechatpay-signature']!.replace(/^./, (c) =>
            c === 'A' ? 'B' : 'A',
          ),
        },
      },
      { ...genuine, headers: { ...genuine.headers, 'wechatpay-serial': 'PUB_KEY_ID_SOMEONE_ELSE' } },
      wechat.notificationFor(outTradeNo, { signedAt: new Date(Date.now() - 10 * 60_000) }),
    ];
    for (const forged of refusals) {
      const answer = await postWechat(forged);
      expect(answer.statusCode).toBe(401);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.json()).toMatchObject({ type: 'urn:harvest:problem:bad-signature', code: 'FAIL' });
    }
    const otherKey = await postWechat(wechat.notificationFor(outTradeNo, { apiV3Key: 'z'.repeat(32) }));
    expect(otherKey.statusCode).toBe(400);
    expect(otherKey.json()).toMatchObject({ type: 'urn:harvest:problem:invalid-notification' });
    expect(await writes()).toBe(before);
    expect(await orderStatus(order.id)).toBe('pending_payment');
    expect((await postWechat(genuine)).statusCode).toBe(200);
    expect(await orderStatus(order.id)).toBe('allocated');
  });

  it('WeChat Pay: any change to a genuine notification is refused with a 4xx and writes nothing (fast-check)', async () => {
    const order = await place('cust-wx-3');
    const payment = (await startPayment('cust-wx-3', order.id, 'wechatpay')).json();
    const genuine = wechat.pay(outTradeNoOf(payment.paymentId));
    const before = await writes();
    const headerNames = Object.keys(genuine.headers);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .record({ at: fc.nat(genuine.body.length - 1), char: fc.string({ minLength: 1, maxLength: 1 }) })
            .map(({ at, char }) => ({
              ...genuine,
              body:
                genuine.body.slice(0, at) +
                (genuine.body[at] === char ? '~' : char) +
                genuine.body.slice(at + 1),
            })),
          fc
            .record({ name: fc.constantFrom(...headerNames), value: fc.string({ maxLength: 64 }) })
            .filter(
              ({ name, value }) => genuine.headers[name] !== value && name !== 'wechatpay-signature-type',
            )
            .map(({ name, value }) => ({ ...genuine, headers: { ...genuine.headers, [name]: value } })),
        ),
        async (changed) => {
          const answer = await postWechat(changed);
          expect([400, 401]).toContain(answer.statusCode);
          expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        },
      ),
      { numRuns: 40, seed: 21 },
    );
    expect(await writes()).toBe(before);
    expect(await orderStatus(order.id)).toBe('pending_payment');
  });

  it('Alipay: a precreated code, the RSA2-signed notification pays once ("success"), tampered or forged ones change nothing', async () => {
    const order = await place('cust-ali-1');
    const started = await startPayment('cust-ali-1', order.id, 'alipay');
    expect(started.statusCode).toBe(201);
    const payment = started.json();
    expect(payment.codeUrl).toMatch(/^https:\/\/qr\.alipay\.com\//);
    const outTradeNo = outTradeNoOf(payment.paymentId);
    expect(alipay.accepted.find((c) => c.biz.out_trade_no === outTradeNo)?.biz).toMatchObject({
      total_amount: (order.totalFen / 100).toFixed(2),
    });
    const genuine = alipay.pay(outTradeNo);
    const before = await writes();
    const tampered = new URLSearchParams(genuine);
    tampered.set('total_amount', '0.01');
    const unsigned = new URLSearchParams(genuine);
    unsigned.delete('sign');
    for (const forged of [tampered.toString(), unsigned.toString(), 'trade_status=TRADE_SUCCESS']) {
      const answer = await postAlipay(forged);
      expect(answer.statusCode).toBe(401);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await writes()).toBe(before);
    expect(await orderStatus(order.id)).toBe('pending_payment');

    const answer = await postAlipay(genuine);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toBe('success');
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    expect(await orderStatus(order.id)).toBe('allocated');
    const replayed = await writes();
    expect((await postAlipay(genuine)).body).toBe('success');
    expect(await writes()).toBe(replayed);
    expect((await events(payment.paymentId)).at(-1)).toMatchObject({
      to_status: 'paid',
      actor: 'provider:alipay',
      provider_reference: alipay.trades.get(outTradeNo)!.tradeNo,
      notification_id: new URLSearchParams(genuine).get('notify_id'),
    });
  });

  it('a lost notification: the active query finds the payment and pays the order, once', async () => {
    const order = await place('cust-lost-1');
    const payment = (await startPayment('cust-lost-1', order.id, 'wechatpay')).json();
    const job = t.app.get(PaymentQueryJob);
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
    await job.sweep(later(120));
    expect(await orderStatus(order.id)).toBe('pending_payment'); // asked, still unpaid
    wechat.pay(outTradeNoOf(payment.paymentId)); // its notification never arrives
    wechat.failNext(1); // and the provider is down at the next query
    await job.sweep(later(600));
    expect(await orderStatus(order.id)).toBe('pending_payment');
    await job.sweep(later(3600));
    expect(await orderStatus(order.id)).toBe('allocated');
    expect((await events(payment.paymentId)).at(-1)).toMatchObject({
      to_status: 'paid',
      actor: 'system:payment-query',
      notification_id: null,
    });
    await job.sweep(later(7200));
    expect(await outboxCount(t, 'order.paid', order.id)).toBe(1);
  });

  it('a cancelled order: the query closes its trade at the provider; money that still arrives is kept as late, not paid', async () => {
    const order = await place('cust-cancel-1');
    const wx = (await startPayment('cust-cancel-1', order.id, 'wechatpay')).json();
    const ali = (await startPayment('cust-cancel-1', order.id, 'alipay')).json();
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/cancel`,
      headers: { authorization: `Bearer ${await t.token('customer', 'cust-cancel-1')}` },
      payload: {},
    });
    expect(cancel.statusCode).toBe(200);
    const notification = wechat.pay(outTradeNoOf(wx.paymentId)); // paid just before we could close it
    await t.app.get(PaymentQueryJob).sweep(new Date(Date.now() + 3600_000));
    expect(alipay.trades.get(outTradeNoOf(ali.paymentId))).toMatchObject({
      status: 'WAIT_BUYER_PAY',
      scanned: false,
    });
    expect((await events(ali.paymentId)).at(-1)).toMatchObject({
      to_status: 'closed',
      actor: 'system:payment-query',
    });
    expect((await events(wx.paymentId)).at(-1)).toMatchObject({
      to_status: 'late',
      actor: 'system:payment-query',
    });
    expect((await postWechat(notification)).statusCode).toBe(200);
    expect(await orderStatus(order.id)).toBe('cancelled');
    expect(await outboxCount(t, 'order.paid', order.id)).toBe(0);
    // Closed, the order cannot be paid again.
    expect((await startPayment('cust-cancel-1', order.id, 'alipay')).json()).toMatchObject({
      status: 'closed',
    });
  });

  it('refuses a payment for an order of someone else (404), one no longer awaiting payment (409), a bad channel (400)', async () => {
    const order = await place('cust-own-1');
    expect((await startPayment('cust-other', order.id, 'wechatpay')).statusCode).toBe(404);
    const bad = await startPayment('cust-own-1', order.id, 'paypal');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('channel');
    const paid = (await startPayment('cust-own-1', order.id, 'wechatpay')).json();
    await postWechat(wechat.pay(outTradeNoOf(paid.paymentId)));
    const late = await startPayment('cust-own-1', order.id, 'alipay');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ type: 'urn:harvest:problem:order-not-payable' });
    const [{ n }] = await sql('SELECT COUNT(*) AS n FROM payment WHERE order_id = ?', [order.id]);
    expect(Number(n)).toBe(1);
  });
});

describe('payments without a provider configured (the npm start default)', () => {
  let t: OrdersTestApp;
  beforeAll(async () => {
    t = await startOrdersTestApp();
  });
  afterAll(() => t?.close());

  it('refuses to start a payment, naming the channel, and the notification routes are not there', async () => {
    const answer = await t.app.inject({
      method: 'POST',
      url: `/orders/${randomUUID()}/payments`,
      headers: {
        authorization: `Bearer ${await t.token('customer', 'c-1')}`,
        'idempotency-key': randomUUID(),
      },
      payload: { channel: 'wechatpay' },
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.json()).toMatchObject({
      type: 'urn:harvest:problem:payment-channel-unavailable',
      field: 'channel',
    });
    const notification = await t.app.inject({
      method: 'POST',
      url: '/payments/notifications/alipay',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    });
    expect(notification.statusCode).toBe(404);
  });
});
