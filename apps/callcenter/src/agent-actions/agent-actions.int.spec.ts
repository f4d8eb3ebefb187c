import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  payCallback,
  setStock,
  skuState,
  startOrdersTestApp,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';
import {
  addContact,
  type CallcenterTestApp,
  FakeSkylineVendor,
  skylineEvent,
  SseReader,
  startCallcenterTestApp,
  WEBHOOK_SECRET,
} from '@harvest/callcenter/testing';

const CUSTOMER = 'cust-aa-1';
const PHONE = '+8613800138005';
const AGENT = 'agent-5';

/** The real orders service in-process on an ephemeral port; callcenter talks to it over HTTP with its OrdersClient. */
describe('agent actions through the real orders service, and screen pops over SSE', () => {
  let orders: OrdersTestApp;
  let f: Fixture;
  let t: CallcenterTestApp;
  const vendor = new FakeSkylineVendor();
  const sku = () => `sku-cc-${orders.runId}`;
  const agentHeaders = async (key?: string, agent = AGENT) => ({
    authorization: `Bearer ${await t.token('agent', agent)}`,
    ...(key ? { 'idempotency-key': key } : {}),
  });
  const ring = (callId: string) =>
    vendor.sendWebhook(
      t.webhookUrl,
      skylineEvent('call.ringing', callId, { caller: PHONE, agentId: AGENT }),
      { secret: WEBHOOK_SECRET },
    );
  const placeOrder = async (callId: string, key: string, quantity = 2) =>
    t.app.inject({
      method: 'POST',
      url: '/agent-actions/orders',
      headers: await agentHeaders(key),
      payload: {
        callId,
        customerId: CUSTOMER,
        checkout: { address: address(f.zoneId), slotId: f.slotId, lines: [{ skuId: sku(), quantity }] },
      },
    });

  beforeAll(async () => {
    orders = await startOrdersTestApp();
    await orders.app.listen({ host: '127.0.0.1', port: 0 });
    const ordersUrl = `http://127.0.0.1:${(orders.app.getHttpServer().address() as AddressInfo).port}`;
    f = await createFixture(orders);
    await applySkus(orders, [skuState(sku(), { priceFen: 990, name: '有机小白菜' })]);
    await setStock(orders, f.centerId, sku(), 100);
    await vendor.start();
    // One issuer for both, as in production: callcenter gets its own client-credentials token from it, and
    // orders verifies that token against its JWKS.
    t = await startCallcenterTestApp({ ORDERS_BASE_URL: ordersUrl }, { issuer: orders.issuer });
    await addContact(t, CUSTOMER, '陈静', PHONE);
  });

  afterAll(async () => {
    await t?.close();
    await orders?.close();
    await vendor.stop();
  });

  it('places an order for the customer within a call: idempotent, recorded in orders with the agent and call, and audited here', async () => {
    expect((await ring('call-aa-1')).status).toBe(200);
    const key = randomUUID();
    const first = await placeOrder('call-aa-1', key);
    expect(first.statusCode).toBe(201);
    const order = first.json();
    expect(order).toMatchObject({ status: 'pending_payment', totalFen: 2 * 990, customerId: CUSTOMER });

    const retried = await placeOrder('call-aa-1', key);
    expect(retried.statusCode).toBe(201);
    expect(retried.json().id).toBe(order.id);

    const [row] = await orders.db.transaction((em) =>
      em.query(
        'SELECT customer_id AS customerId, placed_by_agent_id AS agentId, call_id AS callId FROM customer_order WHERE id = ?',
        [order.id],
      ),
    );
    expect(row).toEqual({ customerId: CUSTOMER, agentId: AGENT, callId: 'call-aa-1' });
    expect(
      Number(
        (
          await orders.db.transaction((em) =>
            em.query('SELECT COUNT(*) AS n FROM customer_order WHERE idempotency_key = ?', [key]),
          )
        )[0].n,
      ),
    ).toBe(1);
    const [transition] = await orders.db.transaction((em) =>
      em.query(
        'SELECT actor, call_id AS callId FROM order_transition WHERE order_id = ? ORDER BY id LIMIT 1',
        [order.id],
      ),
    );
    expect(transition).toEqual({ actor: `agent:${AGENT}`, callId: 'call-aa-1' });

    const audit = await t.app.inject({
      method: 'GET',
      url: '/agent-actions?callId=call-aa-1',
      headers: { authorization: `Bearer ${await t.token('admin', 'ops-1')}` },
    });
    expect(audit.json().actions).toEqual([
      expect.objectContaining({
        agentId: AGENT,
        callId: 'call-aa-1',
        action: 'place_order',
        customerId: CUSTOMER,
        orderId: order.id,
        createdAt: expect.any(String),
      }),
    ]);
  });

  it("passes orders' own refusal through unchanged and writes no audit row", async () => {
    const tooMany = await placeOrder('call-aa-1', randomUUID(), 1000);
    expect(tooMany.statusCode).toBeGreaterThanOrEqual(400);
    expect(tooMany.statusCode).toBeLessThan(500);
    expect(tooMany.json().type).toMatch(/^urn:harvest:problem:/);
    expect(await t.count("SELECT COUNT(*) AS n FROM agent_action WHERE call_id = 'call-aa-1'")).toBe(1);
  });

  it('refuses an action in a call that is not the agent’s, before asking orders', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/agent-actions/orders',
      headers: await agentHeaders(randomUUID(), 'agent-intruder'),
      payload: {
        callId: 'call-aa-1',
        customerId: CUSTOMER,
        checkout: { address: address(f.zoneId), slotId: f.slotId, lines: [{ skuId: sku(), quantity: 1 }] },
      },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('urn:harvest:problem:not-your-call');
  });

  it('cancels an order on the customer’s behalf', async () => {
    const placed = (await placeOrder('call-aa-1', randomUUID(), 1)).json();
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/agent-actions/orders/${placed.id}/cancel`,
      headers: await agentHeaders(randomUUID()),
      payload: { callId: 'call-aa-1', note: '客户改约' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const [transition] = await orders.db.transaction((em) =>
      em.query(
        "SELECT actor, call_id AS callId FROM order_transition WHERE order_id = ? AND to_status = 'cancelled'",
        [placed.id],
      ),
    );
    expect(transition).toEqual({ actor: `agent:${AGENT}`, callId: 'call-aa-1' });
    expect(
      await t.count("SELECT COUNT(*) AS n FROM agent_action WHERE action = 'cancel_order' AND order_id = ?", [
        placed.id,
      ]),
    ).toBe(1);
  });

  it('resolves a quality complaint with a refund paid through orders, once, audited with agent and call', async () => {
    const placed = (await placeOrder('call-aa-1', randomUUID(), 3)).json();
    const paid = await payCallback(orders, {
      paymentId: `pay-${randomUUID()}`,
      orderId: placed.id,
      amountFen: placed.totalFen,
      status: 'succeeded',
    });
    expect(paid.statusCode).toBe(200);
    const ticket = (
      await t.app.inject({
        method: 'POST',
        url: '/tickets',
        headers: await agentHeaders(randomUUID()),
        payload: {
          customerId: CUSTOMER,
          kind: 'quality_complaint',
          description: '一棵小白菜烂了',
          orderId: placed.id,
          callId: 'call-aa-1',
        },
      })
    ).json();
    const key = randomUUID();
    const resolve = async () =>
      t.app.inject({
        method: 'POST',
        url: `/tickets/${ticket.id}/resolve`,
        headers: await agentHeaders(key),
        payload: { resolution: 'refund', amountFen: 990, callId: 'call-aa-1' },
      });
    const resolved = await resolve();
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      resolution: 'refund',
      resolutionAmountFen: 990,
    });
    expect((await resolve()).json()).toEqual(resolved.json()); // a double click replays, pays nothing more

    const refunds = await orders.db.transaction((em) =>
      em.query(
        'SELECT amount_fen AS amountFen, reason, actor, call_id AS callId FROM order_refund WHERE order_id = ?',
        [placed.id],
      ),
    );
    expect(refunds).toEqual([
      { amountFen: 990, reason: 'damaged_on_delivery', actor: `agent:${AGENT}`, callId: 'call-aa-1' },
    ]);
    expect(
      await t.count("SELECT COUNT(*) AS n FROM agent_action WHERE action = 'refund_order' AND order_id = ?", [
        placed.id,
      ]),
    ).toBe(1);
  });

  it("pushes a ringing call to the subscribed agent's stream with the customer, their recent orders and open tickets", async () => {
    const ticket = await t.app.inject({
      method: 'POST',
      url: '/tickets',
      headers: await agentHeaders(randomUUID()),
      payload: {
        customerId: CUSTOMER,
        kind: 'quality_complaint',
        description: '小白菜送到时已经蔫了',
        imageIds: ['img-abc123'],
        callId: 'call-aa-1',
      },
    });
    expect(ticket.statusCode).toBe(201);

    const stream = await new SseReader().open(`${t.baseUrl}/screen-pops/stream`, await agentHeaders());
    const otherAgent = await new SseReader().open(
      `${t.baseUrl}/screen-pops/stream`,
      await agentHeaders(undefined, 'agent-other'),
    );
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toContain('text/event-stream');
      expect((await ring('call-aa-2')).status).toBe(200);
      const pop = await stream.next(
        (m) => m.event === 'screen-pop' && (m.data as { callId: string }).callId === 'call-aa-2',
      );
      expect(pop.data).toMatchObject({
        callId: 'call-aa-2',
        agentId: AGENT,
        callerNumber: PHONE,
        customer: { customerId: CUSTOMER, name: '陈静', phone: PHONE },
        ordersUnavailable: false,
        openTickets: [
          expect.objectContaining({
            id: ticket.json().id,
            kind: 'quality_complaint',
            imageIds: ['img-abc123'],
          }),
        ],
      });
      const recent = (
        pop.data as { recentOrders: Array<{ id: string; status: string; refundedFen: number }> }
      ).recentOrders;
      expect(recent.length).toBeGreaterThanOrEqual(3);
      expect(recent.map((o) => o.status)).toEqual(expect.arrayContaining(['pending_payment', 'cancelled']));
      expect(recent.some((o) => o.refundedFen === 990)).toBe(true);
      expect(pop.id).toBe((pop.data as { popId: string }).popId);

      // The same pop is there for polling, and only for the agent it rang for.
      const polled = await t.app.inject({
        method: 'GET',
        url: `/screen-pops?after=${Number(pop.id) - 1}`,
        headers: await agentHeaders(),
      });
      expect(polled.json().pops.map((p: { callId: string }) => p.callId)).toEqual(['call-aa-2']);
      const latest = await t.app.inject({
        method: 'GET',
        url: '/screen-pops',
        headers: await agentHeaders(),
      });
      expect(latest.json().pops.map((p: { callId: string }) => p.callId)).toEqual(['call-aa-1', 'call-aa-2']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(otherAgent.messages.filter((m) => m.event === 'screen-pop')).toEqual([]);

      // A console that lost its connection resumes after the last pop it saw (EventSource's Last-Event-ID).
      const resumed = await new SseReader().open(`${t.baseUrl}/screen-pops/stream`, {
        ...(await agentHeaders()),
        'last-event-id': String(Number(pop.id) - 1),
      });
      try {
        expect((await resumed.next((m) => m.event === 'screen-pop')).id).toBe(pop.id);
      } finally {
        await resumed.close();
      }
    } finally {
      await stream.close();
      await otherAgent.close();
    }
  });

  it('refuses the stream without a token and to non-agents', async () => {
    expect((await new SseReader().open(`${t.baseUrl}/screen-pops/stream`, {})).status).toBe(401);
    const admin = await new SseReader().open(`${t.baseUrl}/screen-pops/stream`, {
      authorization: `Bearer ${await t.token('admin', 'ops-1')}`,
    });
    expect(admin.status).toBe(403);
  });

  it('refuses to act for anyone but the customer on the call, before asking orders to change anything', async () => {
    const others = await checkout(orders, 'cust-aa-other', {
      address: address(f.zoneId),
      slotId: f.slotId,
      lines: [{ skuId: sku(), quantity: 1 }],
    });
    expect(others.statusCode).toBe(201);
    const orderId = others.json().id as string;
    const act = async (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: await agentHeaders(randomUUID()), payload });

    const refused = [
      await act(`/agent-actions/orders/${orderId}/cancel`, { callId: 'call-aa-1' }),
      await act(`/agent-actions/orders/${orderId}/refunds`, {
        callId: 'call-aa-1',
        amountFen: 100,
        reason: 'goodwill',
      }),
      await act('/agent-actions/orders', {
        callId: 'call-aa-1',
        customerId: 'cust-aa-other',
        checkout: { address: address(f.zoneId), slotId: f.slotId, lines: [{ skuId: sku(), quantity: 1 }] },
      }),
    ];
    expect(refused.map((r) => [r.statusCode, r.json().type, r.json().field])).toEqual([
      [403, 'urn:harvest:problem:not-the-callers-customer', 'orderId'],
      [403, 'urn:harvest:problem:not-the-callers-customer', 'orderId'],
      [403, 'urn:harvest:problem:not-the-callers-customer', 'customerId'],
    ]);
    expect(
      (await act(`/agent-actions/orders/${randomUUID()}/cancel`, { callId: 'call-aa-1' })).statusCode,
    ).toBe(404);

    // A caller whose number is not in the directory is no known customer: no order action on that call.
    const unknown = await vendor.sendWebhook(
      t.webhookUrl,
      skylineEvent('call.ringing', 'call-aa-unknown', { caller: '+8613900000009', agentId: AGENT }),
      { secret: WEBHOOK_SECRET },
    );
    expect(unknown.status).toBe(200);
    const anonymous = await act(`/agent-actions/orders/${orderId}/cancel`, { callId: 'call-aa-unknown' });
    expect([anonymous.statusCode, anonymous.json().type]).toEqual([
      403,
      'urn:harvest:problem:caller-not-identified',
    ]);

    const [order] = await orders.db.transaction((em) =>
      em.query('SELECT status, refunded_fen AS refundedFen FROM customer_order WHERE id = ?', [orderId]),
    );
    expect(order).toEqual({ status: 'pending_payment', refundedFen: 0 });
    expect(
      await t.count(
        "SELECT COUNT(*) AS n FROM agent_action WHERE order_id = ? OR customer_id = 'cust-aa-other'",
        [orderId],
      ),
    ).toBe(0);
  });
});
