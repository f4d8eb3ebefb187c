import {
  applySkus,
  createFixture,
  deliverTo,
  FakeIdentityAddresses,
  ORDERS_CLIENT_SECRET,
  registerOrdersClient,
  setStock,
  skuState,
  startOrdersTestApp,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';
import { randomUUID } from 'node:crypto';

describe('orders: delivery coverage and fees, the basket and its live quote, checkout from the basket', () => {
  let t: OrdersTestApp;
  let identity: FakeIdentityAddresses;
  let fx: Fixture;
  const sku = (name: string) => `${name}-${t.runId}`;
  const home = { recipient: '王芳', phone: '+8613800138000', city: '上海市', street: '漕溪北路 88 号' };

  const as = async (subject: string, role: 'customer' | 'agent' = 'customer') => ({
    authorization: `Bearer ${await t.token(role, subject)}`,
  });
  const basket = async (subject: string) =>
    t.app.inject({ method: 'GET', url: '/basket', headers: await as(subject) });
  const putLine = async (subject: string, skuId: string, payload: object) =>
    t.app.inject({ method: 'PUT', url: `/basket/lines/${skuId}`, headers: await as(subject), payload });
  const chooseAddress = async (subject: string, addressId: string) =>
    t.app.inject({
      method: 'PUT',
      url: '/basket/address',
      headers: await as(subject),
      payload: { addressId },
    });
  const order = async (subject: string, payload: object, key: string = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: '/basket/checkout',
      headers: { ...(await as(subject)), 'idempotency-key': key },
      payload,
    });
  const lineRows = (customerId: string) =>
    t.db.transaction((em) => em.query('SELECT sku_id FROM basket_line WHERE customer_id = ?', [customerId]));
  /** A customer whose basket holds 2 milk (similar-ok) and 750 g of beef, delivered to a fresh address. */
  async function filledBasket(): Promise<{ customer: string; addressId: string }> {
    const customer = `cust-${randomUUID()}`;
    const addressId = identity.add(customer, { zoneId: fx.zoneId, ...home });
    expect(
      (await putLine(customer, sku('milk'), { quantity: 2, substitution: 'similar-ok' })).statusCode,
    ).toBe(200);
    expect((await putLine(customer, sku('beef'), { estimatedWeightGrams: 750 })).statusCode).toBe(200);
    expect((await chooseAddress(customer, addressId)).statusCode).toBe(200);
    return { customer, addressId };
  }

  beforeAll(async () => {
    identity = await new FakeIdentityAddresses().start();
    t = await startOrdersTestApp({
      ORDERS_IDENTITY_URL: identity.baseUrl,
      AUTH_CLIENT_SECRET: ORDERS_CLIENT_SECRET,
    });
    registerOrdersClient(t.issuer);
    fx = await createFixture(t);
    await deliverTo(t, fx.zoneId, '310104', { deliveryFeeFen: 800, freeDeliveryFromFen: 9900 });
    await applySkus(t, [
      skuState(sku('milk'), { priceFen: 1500 }),
      skuState(sku('beef'), { soldBy: 'weight', priceFen: 4000 }),
      skuState(sku('dumplings'), { temperatureClass: 'frozen', priceFen: 2500 }),
      skuState(sku('eggs'), { priceFen: 1200 }),
    ]);
    await setStock(t, fx.centerId, sku('milk'), 100);
    await setStock(t, fx.centerId, sku('beef'), 20_000);
    await setStock(t, fx.centerId, sku('dumplings'), 50);
  });

  afterAll(async () => {
    await t?.close();
    await identity?.stop();
  });

  describe('coverage and fees', () => {
    it('answers which zone serves a district and its fee, publicly; 404 where we do not deliver', async () => {
      const served = await t.app.inject({ method: 'GET', url: '/delivery-coverage/310104' });
      expect(served.statusCode).toBe(200);
      expect(served.json()).toEqual({
        areaCode: '310104',
        zoneId: fx.zoneId,
        deliveryFeeFen: 800,
        freeDeliveryFromFen: 9900,
      });
      const not = await t.app.inject({ method: 'GET', url: '/delivery-coverage/110105' });
      expect(not.statusCode).toBe(404);
      expect(not.json().type).toBe('urn:harvest:problem:not-delivered');
      const bad = await t.app.inject({ method: 'GET', url: '/delivery-coverage/31010' });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('areaCode');
    });

    it('lets only admins set fees and districts, refusing an unknown zone and a negative fee', async () => {
      const agent = await t.app.inject({
        method: 'PUT',
        url: '/delivery-coverage/310105',
        headers: await as('agent-1', 'agent'),
        payload: { zoneId: fx.zoneId },
      });
      expect(agent.statusCode).toBe(403);
      const admin = { authorization: `Bearer ${await t.token('admin', 'ops-1')}` };
      const unknown = await t.app.inject({
        method: 'PUT',
        url: '/delivery-coverage/310105',
        headers: admin,
        payload: { zoneId: 'no-such-zone' },
      });
      expect(unknown.statusCode).toBe(404);
      const negative = await t.app.inject({
        method: 'PUT',
        url: `/delivery-zones/${fx.zoneId}/delivery-fee`,
        headers: admin,
        payload: { deliveryFeeFen: -1, freeDeliveryFromFen: null },
      });
      expect(negative.statusCode).toBe(400);
      expect(JSON.stringify(negative.json())).toContain('deliveryFeeFen');
      expect((await t.app.inject({ method: 'GET', url: '/delivery-coverage/310105' })).statusCode).toBe(404);
    });
  });

  describe('the basket', () => {
    it('follows the customer (server-side by subject) and quotes in integer fen with the zone fee', async () => {
      const customer = `cust-${randomUUID()}`;
      await putLine(customer, sku('milk'), { quantity: 2 });
      const unaddressed = (await basket(customer)).json();
      expect(unaddressed).toMatchObject({
        addressId: null,
        goodsFen: 3000,
        deliveryFeeFen: null,
        orderable: false,
      });

      const addressId = identity.add(customer, { zoneId: fx.zoneId, ...home });
      const chosen = await chooseAddress(customer, addressId);
      expect(chosen.statusCode).toBe(200);
      expect(chosen.json()).toMatchObject({
        addressId,
        zoneId: fx.zoneId,
        fulfillmentCenterId: fx.centerId,
        goodsFen: 3000,
        deliveryFeeFen: 800,
        shortOfFreeDeliveryFen: 6900,
        totalFen: 3800,
        orderable: true,
      });
      expect(identity.requests.at(-1)).toMatchObject({ customerId: customer, addressId, azp: 'orders' });

      // "Another device": a new token of the same subject sees the same basket.
      const other = (await basket(customer)).json();
      expect(other.lines).toEqual([
        expect.objectContaining({ skuId: sku('milk'), quantity: 2, lineTotalFen: 3000 }),
      ]);
    });

    it('reports a price change, an out-of-stock line and one the center cannot keep cold as data, not errors', async () => {
      const customer = `cust-${randomUUID()}`;
      await putLine(customer, sku('eggs'), { quantity: 1 });
      await putLine(customer, sku('dumplings'), { quantity: 1 });
      await putLine(customer, sku('milk'), { quantity: 1 });
      await chooseAddress(customer, identity.add(customer, { zoneId: fx.zoneId, ...home }));
      await applySkus(t, [skuState(sku('milk'), { priceFen: 1700, version: 2 })]);
      try {
        const answer = await basket(customer);
        expect(answer.statusCode).toBe(200);
        const lines = Object.fromEntries(
          (answer.json().lines as Array<{ skuId: string }>).map((l) => [l.skuId, l]),
        );
        expect(lines[sku('milk')]).toMatchObject({
          priceChanged: true,
          priceWhenAddedFen: 1500,
          unitPriceFen: 1700,
          notices: ['price-changed'],
        });
        expect(lines[sku('eggs')]).toMatchObject({ availableQuantity: 0, notices: ['out-of-stock'] });
        expect(lines[sku('dumplings')]).toMatchObject({
          temperatureServed: false,
          notices: ['temperature-class-not-served'],
        });
        expect(answer.json()).toMatchObject({ goodsFen: 1200 + 2500 + 1700, orderable: false });
      } finally {
        await applySkus(t, [skuState(sku('milk'), { priceFen: 1500, version: 3 })]);
      }
    });

    it('refuses bad lines and addresses naming the field, writing nothing', async () => {
      const customer = `cust-${randomUUID()}`;
      const dto = await putLine(customer, sku('milk'), { quantity: 0 });
      expect(dto.statusCode).toBe(400);
      expect(JSON.stringify(dto.json())).toContain('quantity');
      const weighed = await putLine(customer, sku('beef'), { quantity: 2 });
      expect(weighed.statusCode).toBe(422);
      expect(weighed.json()).toMatchObject({
        type: 'urn:harvest:problem:invalid-basket-line',
        field: 'quantity',
      });
      const unknown = await putLine(customer, 'no-such-sku', { quantity: 1 });
      expect(unknown.json()).toMatchObject({ field: 'skuId' });
      const substitution = await putLine(customer, sku('milk'), { quantity: 1, substitution: 'anything' });
      expect(substitution.statusCode).toBe(400);
      expect(JSON.stringify(substitution.json())).toContain('substitution');
      const stranger = identity.add(`cust-${randomUUID()}`, { zoneId: fx.zoneId, ...home });
      const notMine = await chooseAddress(customer, stranger);
      expect(notMine.statusCode).toBe(422);
      expect(notMine.json()).toMatchObject({
        type: 'urn:harvest:problem:unknown-address',
        field: 'addressId',
      });
      expect(await lineRows(customer)).toEqual([]);
      expect((await basket(customer)).json()).toMatchObject({ addressId: null, lines: [] });
    });

    it('is the customer’s own: staff have no basket route, identity down is 503', async () => {
      expect(
        (await t.app.inject({ method: 'GET', url: '/basket', headers: await as('a-1', 'agent') })).statusCode,
      ).toBe(403);
      identity.down();
      try {
        const down = await chooseAddress(`cust-${randomUUID()}`, randomUUID());
        expect(down.statusCode).toBe(503);
        expect(down.json().type).toBe('urn:harvest:problem:identity-unavailable');
      } finally {
        identity.down(false);
      }
    });
  });

  describe('a guest basket, merged at sign-in', () => {
    const guest = (id: string, method: 'GET' | 'PUT' | 'DELETE', path = '', payload?: object) =>
      t.app.inject({ method, url: `/guest-baskets/${id}${path}`, ...(payload ? { payload } : {}) });
    const merge = async (subject: string, guestBasketId: string) =>
      t.app.inject({
        method: 'POST',
        url: '/basket/merge',
        headers: await as(subject),
        payload: { guestBasketId },
      });

    it('keeps lines before sign-in without a token and merges them, the larger amount winning, once', async () => {
      const id = randomUUID();
      expect(
        (await guest(id, 'PUT', `/lines/${sku('milk')}`, { quantity: 3, substitution: 'similar-ok' }))
          .statusCode,
      ).toBe(200);
      expect((await guest(id, 'PUT', `/lines/${sku('eggs')}`, { quantity: 1 })).statusCode).toBe(200);
      const quoted = (await guest(id, 'GET')).json();
      expect(quoted).toMatchObject({ goodsFen: 3 * 1500 + 1200, deliveryFeeFen: null, orderable: false });

      const customer = `cust-${randomUUID()}`;
      await putLine(customer, sku('milk'), { quantity: 5 });
      await putLine(customer, sku('beef'), { estimatedWeightGrams: 500 });
      const merged = await merge(customer, id);
      expect(merged.statusCode).toBe(200);
      const lines = (
        merged.json().lines as Array<{ skuId: string; quantity: number | null; substitution: string }>
      )
        .map((l) => [l.skuId, l.quantity, l.substitution])
        .sort();
      expect(lines).toEqual(
        [
          [sku('beef'), null, 'none'],
          [sku('eggs'), 1, 'none'],
          [sku('milk'), 5, 'similar-ok'],
        ].sort(),
      );
      expect((await guest(id, 'GET')).json().lines).toEqual([]);
      const again = await merge(customer, id);
      expect(again.json().lines).toHaveLength(3);
    });

    it('refuses a guest basket id that is not a random UUID, and bad lines naming the field', async () => {
      const notRandom = await guest('basket-1', 'GET');
      expect(notRandom.statusCode).toBe(400);
      expect(JSON.stringify(notRandom.json())).toContain('guestBasketId');
      const bad = await guest(randomUUID(), 'PUT', `/lines/${sku('milk')}`, { quantity: 'two' });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('quantity');
      const badMerge = await merge(`cust-${randomUUID()}`, 'not-a-uuid');
      expect(badMerge.statusCode).toBe(400);
      expect(JSON.stringify(badMerge.json())).toContain('guestBasketId');
    });
  });

  describe('checkout from the basket', () => {
    it('orders it with the zone, the fee and each line’s substitution, on order.placed too, and empties it', async () => {
      const { customer, addressId } = await filledBasket();
      const key = randomUUID();
      const placed = await order(customer, { slotId: fx.slotId }, key);
      expect(placed.statusCode).toBe(201);
      const body = placed.json();
      // 2 × 1500 + 750 g at 4000 per 500 g = 3000 + 6000: under the 9900 threshold, so the 800 fee.
      expect(body).toMatchObject({
        zoneId: fx.zoneId,
        addressId,
        deliveryFeeFen: 800,
        totalFen: 9800,
        address: { zoneId: fx.zoneId, ...home },
      });
      expect(
        body.lines.map((l: { skuId: string; substitution: string }) => [l.skuId, l.substitution]),
      ).toEqual([
        [sku('milk'), 'similar-ok'],
        [sku('beef'), 'none'],
      ]);
      const [event] = await t.db.transaction((em) =>
        em.query("SELECT payload FROM outbox_event WHERE type = 'order.placed' AND event_key = ?", [body.id]),
      );
      const payload = JSON.parse(event.payload).payload ?? JSON.parse(event.payload);
      expect(payload).toMatchObject({ zoneId: fx.zoneId, deliveryFeeFen: 800, totalFen: 9800 });
      expect(payload.lines.map((l: { substitution: string }) => l.substitution)).toEqual([
        'similar-ok',
        'none',
      ]);
      expect(await lineRows(customer)).toEqual([]);

      // The same request again (the answer was lost), from another device: the same order, not a second one.
      const again = await order(customer, { slotId: fx.slotId }, key);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().id).toBe(body.id);
      const reused = await order(customer, { slotId: fx.slotId, addressId }, key);
      expect(reused.statusCode).toBe(422);
      expect(reused.json().type).toBe('urn:harvest:problem:idempotency-key-reused');
      const empty = await order(customer, { slotId: fx.slotId });
      expect(empty.json().type).toBe('urn:harvest:problem:basket-empty');
    });

    it('delivers free from the zone’s threshold on', async () => {
      const { customer } = await filledBasket();
      await putLine(customer, sku('milk'), { quantity: 4, substitution: 'similar-ok' });
      const placed = await order(customer, { slotId: fx.slotId });
      expect(placed.json()).toMatchObject({ deliveryFeeFen: 0, totalFen: 4 * 1500 + 6000 });
    });

    it('refuses without an Idempotency-Key or an address, or for an account without a phone, writing nothing', async () => {
      const customer = `cust-${randomUUID()}`;
      await putLine(customer, sku('milk'), { quantity: 1 });
      const noKey = await t.app.inject({
        method: 'POST',
        url: '/basket/checkout',
        headers: await as(customer),
        payload: { slotId: fx.slotId },
      });
      expect(noKey.statusCode).toBe(400);
      const noAddress = await order(customer, { slotId: fx.slotId });
      expect(noAddress.json()).toMatchObject({
        type: 'urn:harvest:problem:address-required',
        field: 'addressId',
      });
      const phoneless = identity.add(customer, { zoneId: fx.zoneId, ...home, phone: null });
      const noPhone = await order(customer, { slotId: fx.slotId, addressId: phoneless });
      expect(noPhone.json().type).toBe('urn:harvest:problem:delivery-phone-missing');
      const badSlot = await order(customer, { slotId: 12 });
      expect(badSlot.statusCode).toBe(400);
      expect(JSON.stringify(badSlot.json())).toContain('slotId');
      expect(await lineRows(customer)).toHaveLength(1);
      const [orders] = await t.db.transaction((em) =>
        em.query('SELECT COUNT(*) AS n FROM customer_order WHERE customer_id = ?', [customer]),
      );
      expect(Number(orders.n)).toBe(0);
    });

    it('orders one basket once when two devices check out at the same moment with their own keys', async () => {
      const { customer } = await filledBasket();
      const answers = await Promise.all([
        order(customer, { slotId: fx.slotId }),
        order(customer, { slotId: fx.slotId }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, expect.any(Number)]);
      const refused = answers.find((a) => a.statusCode !== 201)!;
      expect(['urn:harvest:problem:basket-changed', 'urn:harvest:problem:basket-empty']).toContain(
        refused.json().type,
      );
      const [orders] = await t.db.transaction((em) =>
        em.query('SELECT COUNT(*) AS n FROM customer_order WHERE customer_id = ?', [customer]),
      );
      expect(Number(orders.n)).toBe(1);
    });
  });
});
