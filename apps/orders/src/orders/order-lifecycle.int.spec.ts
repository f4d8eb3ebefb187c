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
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';

describe('order access, cancel, payment and refunds (real MariaDB, embedded events)', () => {
  let t: OrdersTestApp;
  let f: Fixture;
  let skuId: string;

  const place = async (customer: string, quantity = 2) => {
    const response = await checkout(t, customer, {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId, quantity }],
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; totalFen: number };
  };
  const as = async (
    role: 'customer' | 'agent' | 'admin' | 'service',
    subject: string,
    headers: Record<string, string> = {},
  ) => ({
    authorization: `Bearer ${await t.token(role, subject)}`,
    ...headers,
  });

  const ordersOf = async (customerId: string) =>
    Number(
      (
        await t.db.transaction((em) =>
          em.query('SELECT COUNT(*) AS n FROM customer_order WHERE customer_id = ?', [customerId]),
        )
      )[0].n,
    );

  beforeAll(async () => {
    t = await startOrdersTestApp();
    f = await createFixture(t);
    skuId = `sku-${t.runId}-apples`;
    await applySkus(t, [skuState(skuId, { priceFen: 1500, temperatureClass: 'cool' })]);
    await setStock(t, f.centerId, skuId, 100);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("a customer reading another customer's order gets 404; the owner, an agent and an admin see it", async () => {
    const order = await place('cust-owner');
    const other = await t.app.inject({
      method: 'GET',
      url: `/orders/${order.id}`,
      headers: await as('customer', 'cust-other'),
    });
    expect(other.statusCode).toBe(404);
    const missing = await t.app.inject({
      method: 'GET',
      url: `/orders/${randomUUID()}`,
      headers: await as('customer', 'cust-other'),
    });
    expect(other.json().detail.replace(order.id, 'X')).toBe(
      missing.json().detail.replace(/[0-9a-f-]{36}/, 'X'),
    );
    const own = await t.app.inject({
      method: 'GET',
      url: `/orders/${order.id}`,
      headers: await as('customer', 'cust-owner'),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().transitions).toBeUndefined();
    const agent = await t.app.inject({
      method: 'GET',
      url: `/orders/${order.id}`,
      headers: await as('agent', 'agent-7'),
    });
    expect(agent.json()).toMatchObject({
      customerId: 'cust-owner',
      transitions: [{ from: null, to: 'pending_payment', actor: 'customer:cust-owner' }],
    });
    const othersList = await t.app.inject({
      method: 'GET',
      url: '/orders?customerId=cust-owner',
      headers: await as('customer', 'cust-other'),
    });
    expect(othersList.json().orders).toEqual([]);
    const adminList = await t.app.inject({
      method: 'GET',
      url: `/orders?customerId=cust-owner&status=pending_payment`,
      headers: await as('admin', 'ops-1'),
    });
    expect(adminList.json()).toMatchObject({ total: 1, orders: [{ id: order.id }] });
    expect(
      (await t.app.inject({ method: 'GET', url: '/orders?status=lost', headers: await as('admin', 'ops-1') }))
        .statusCode,
    ).toBe(400);
  });

  it("an agent checks out on a customer's behalf within a call, through the call center, audited with agent and call id", async () => {
    const body = {
      customerId: 'cust-phone',
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId, quantity: 1 }],
    };
    const callCenter = (callId?: string) => t.callCenterHeaders('agent-7', callId);
    // The agent's own token, with or without a call header, and the call center's without a call: refused.
    const direct = await checkout(t, 'agent-7', body, randomUUID(), 'agent', { 'x-call-id': 'call-123' });
    expect(direct.statusCode).toBe(403);
    expect(direct.json().type).toBe('urn:harvest:problem:agents-act-through-call-center');
    const noCall = await checkout(t, 'agent-7', body, randomUUID(), 'agent', await callCenter());
    expect(noCall.statusCode).toBe(403);
    expect(noCall.json().type).toBe('urn:harvest:problem:call-required');
    expect(await ordersOf('cust-phone')).toBe(0);

    const placed = await checkout(t, 'agent-7', body, randomUUID(), 'agent', await callCenter('call-123'));
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({
      customerId: 'cust-phone',
      placedByAgentId: 'agent-7',
      callId: 'call-123',
      transitions: [
        { to: 'pending_payment', actor: 'agent:agent-7', callId: 'call-123', reason: 'checkout by agent' },
      ],
    });
    const customerView = await t.app.inject({
      method: 'GET',
      url: `/orders/${placed.json().id}`,
      headers: await as('customer', 'cust-phone'),
    });
    expect(customerView.statusCode).toBe(200);
    expect(customerView.json().placedByAgentId).toBeUndefined();
  });

  it('a cancel releases stock and slot capacity and emits order.cancelled once', async () => {
    const stockBefore = await stockOf(t, f.centerId, skuId);
    const bookedBefore = await slotBooked(t, f.slotId);
    const order = await place('cust-cancel', 3);
    expect((await stockOf(t, f.centerId, skuId)).reserved).toBe(stockBefore.reserved + 3);
    expect(await slotBooked(t, f.slotId)).toBe(bookedBefore + 1);

    const headers = await as('customer', 'cust-cancel');
    const [first, second] = await Promise.all([
      t.app.inject({
        method: 'POST',
        url: `/orders/${order.id}/cancel`,
        headers,
        payload: { note: '买错了' },
      }),
      t.app.inject({ method: 'POST', url: `/orders/${order.id}/cancel`, headers, payload: {} }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    expect(await stockOf(t, f.centerId, skuId)).toEqual(stockBefore);
    expect(await slotBooked(t, f.slotId)).toBe(bookedBefore);
    expect(await outboxCount(t, 'order.cancelled', order.id)).toBe(1);
    const other = await t.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/cancel`,
      headers: await as('customer', 'cust-else'),
      payload: {},
    });
    expect(other.statusCode).toBe(404);
  });

  it('the signed payment callback marks the order paid once; bad or stale signatures are refused', async () => {
    const order = await place('cust-pay');
    const body = {
      paymentId: `pay-${randomUUID()}`,
      orderId: order.id,
      amountFen: order.totalFen,
      status: 'succeeded',
    };
    expect(
      (await payCallback(t, body, { secret: 'not-the-secret-but-long-enough-0000000' })).statusCode,
    ).toBe(401);
    expect((await payCallback(t, body, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).statusCode).toBe(
      401,
    );
    const unsigned = await t.app.inject({ method: 'POST', url: '/payments/callback', payload: body });
    expect(unsigned.statusCode).toBe(401);
    expect((await payCallback(t, { ...body, amountFen: 1 })).statusCode).toBe(409);

    const [paid, replay] = [await payCallback(t, body), await payCallback(t, body)];
    expect(paid.json()).toEqual({ orderId: order.id, outcome: 'paid' });
    expect(replay.json()).toEqual({ orderId: order.id, outcome: 'already-paid' });
    expect(await outboxCount(t, 'order.paid', order.id)).toBe(1);
    const another = await place('cust-pay');
    const reused = await payCallback(t, { ...body, orderId: another.id, amountFen: another.totalFen });
    expect(reused.json()).toMatchObject({ status: 409, type: 'urn:harvest:problem:payment-already-used' });
    const view = await t.app.inject({
      method: 'GET',
      url: `/orders/${order.id}`,
      headers: await as('admin', 'ops-1'),
    });
    expect(view.json()).toMatchObject({
      status: 'allocated',
      paidFen: order.totalFen,
      paymentId: body.paymentId,
    });
    expect(view.json().transitions.map((x: { to: string }) => x.to)).toEqual([
      'pending_payment',
      'paid',
      'allocated',
    ]);
  });

  it('a paid order cancelled by an agent is refunded in full; a partial refund is capped at what is left', async () => {
    const order = await place('cust-refund', 4);
    await payCallback(t, {
      paymentId: `pay-${randomUUID()}`,
      orderId: order.id,
      amountFen: order.totalFen,
      status: 'succeeded',
    });
    // An agent's action reaches orders through the call center, with agent and call in its token.
    const agent = await t.callCenterHeaders('agent-9', 'call-9');
    const refund = (amountFen: number, key = randomUUID()) =>
      t.app.inject({
        method: 'POST',
        url: `/orders/${order.id}/refunds`,
        headers: { ...agent, 'idempotency-key': key },
        payload: { amountFen, reason: 'goodwill' },
      });
    const key = randomUUID();
    expect((await refund(500, key)).statusCode).toBe(201);
    expect((await refund(500, key)).statusCode).toBe(201); // replay: one refund
    expect((await refund(order.totalFen)).statusCode).toBe(409);
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/orders/${order.id}/cancel`,
      headers: agent,
      payload: { note: 'customer called' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refundedFen: order.totalFen });
    expect(
      cancelled.json().refunds.map((r: { amountFen: number; reason: string }) => [r.amountFen, r.reason]),
    ).toEqual([
      [500, 'goodwill'],
      [order.totalFen - 500, 'cancellation'],
    ]);
    expect(await outboxCount(t, 'order.refunded', order.id)).toBe(2);
    expect(cancelled.json().transitions.at(-1)).toMatchObject({
      to: 'cancelled',
      actor: 'agent:agent-9',
      callId: 'call-9',
    });
  });

  it('refuses a refund or cancel on an agent token with a made-up call, or from anyone but the call center acting in a call: nothing written', async () => {
    const order = await place('cust-bypass', 2);
    await payCallback(t, {
      paymentId: `pay-${randomUUID()}`,
      orderId: order.id,
      amountFen: order.totalFen,
      status: 'succeeded',
    });
    const before = await snapshot(order.id);
    const attempts: Array<[Record<string, string>, string]> = [
      [await as('agent', 'agent-rogue', { 'x-call-id': 'anything' }), 'agents-act-through-call-center'],
      [await as('agent', 'agent-rogue'), 'agents-act-through-call-center'],
      [await t.callCenterHeaders('agent-rogue'), 'call-required'],
      [await t.callCenterHeaders('agent-rogue', 'call-1', 'fulfillment'), 'not-an-agent-action'],
      [await as('service', 'callcenter'), 'not-an-agent-action'],
    ];
    for (const [headers, type] of attempts) {
      const refund = await t.app.inject({
        method: 'POST',
        url: `/orders/${order.id}/refunds`,
        headers: { ...headers, 'idempotency-key': randomUUID() },
        payload: { amountFen: 100, reason: 'goodwill' },
      });
      const cancel = await t.app.inject({
        method: 'POST',
        url: `/orders/${order.id}/cancel`,
        headers,
        payload: {},
      });
      for (const response of [refund, cancel]) {
        expect(response.statusCode).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json().type).toBe(`urn:harvest:problem:${type}`);
      }
    }
    expect(await snapshot(order.id)).toEqual(before);
  });

  /** What a refund or cancel would change: the order's state and money, its refunds, transitions and events. */
  const snapshot = async (orderId: string) =>
    t.db.transaction(async (em) => ({
      order: await em.query('SELECT status, refunded_fen AS refundedFen FROM customer_order WHERE id = ?', [
        orderId,
      ]),
      refunds: await em.query('SELECT COUNT(*) AS n FROM order_refund WHERE order_id = ?', [orderId]),
      transitions: await em.query('SELECT COUNT(*) AS n FROM order_transition WHERE order_id = ?', [orderId]),
      events: await outboxCount(t, 'order.refunded', orderId),
      idempotencyKeys: await em.query('SELECT COUNT(*) AS n FROM idempotency_key'),
    }));
});
