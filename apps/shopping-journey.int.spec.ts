/**
 * Issue 20's acceptance journey across the two services that own it, both real and listening on loopback
 * (real MariaDB, real HTTP between them, one TestIssuer): a customer signs in with their phone (identity's
 * code check, then the issuer's token for that subject), saves an address (identity resolves its zone through
 * orders' coverage), fills a basket on one device and orders it from another (orders reads the address from
 * identity with its own client-credentials token). The order carries the zone, the fee and the substitutions.
 */
import { startIdentityForTest, type IdentityUnderTest } from '@harvest/identity/testing';
import {
  applySkus,
  createFixture,
  deliverTo,
  ORDERS_CLIENT_SECRET,
  registerOrdersClient,
  setStock,
  skuState,
  startOrdersTestApp,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';
import { TestIssuer } from '@harvest/testing';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';

/** A loopback port free right now, for the service the other must know the address of before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('shopping journey: sign in, address, basket on one device, checkout on another', () => {
  let issuer: TestIssuer;
  let orders: OrdersTestApp;
  let identity: IdentityUnderTest;
  let fx: Fixture;
  let ordersUrl: string;
  let identityUrl: string;

  beforeAll(async () => {
    issuer = await new TestIssuer().start();
    registerOrdersClient(issuer);
    const identityPort = await freePort();
    identityUrl = `http://127.0.0.1:${identityPort}`;
    orders = await startOrdersTestApp(
      { ORDERS_IDENTITY_URL: identityUrl, AUTH_CLIENT_SECRET: ORDERS_CLIENT_SECRET },
      { issuer },
    );
    await orders.app.listen({ host: '127.0.0.1', port: 0 });
    ordersUrl = await orders.app.getUrl();
    identity = await startIdentityForTest({
      ...issuer.env,
      IDENTITY_ORDERS_URL: ordersUrl.replace('[::1]', '127.0.0.1'),
    });
    await identity.http.app.listen({ host: '127.0.0.1', port: identityPort });

    fx = await createFixture(orders);
    await deliverTo(orders, fx.zoneId, '310104', { deliveryFeeFen: 600, freeDeliveryFromFen: 19_900 });
    await applySkus(orders, [
      skuState(`strawberries-${orders.runId}`, { priceFen: 3990 }),
      skuState(`pork-${orders.runId}`, { soldBy: 'weight', priceFen: 2990 }),
    ]);
    await setStock(orders, fx.centerId, `strawberries-${orders.runId}`, 40);
    await setStock(orders, fx.centerId, `pork-${orders.runId}`, 10_000);
  });

  afterAll(async () => {
    await identity?.close();
    await orders?.close();
    await issuer?.close();
  });

  it('orders the basket with the zone from the address, the delivery fee and the substitution choices', async () => {
    const strawberries = `strawberries-${orders.runId}`;
    const pork = `pork-${orders.runId}`;

    // Sign-in: the phone's code, checked by identity at the issuer's request, gives the subject the issuer
    // puts in the customer's token (what Keycloak's phone-code authenticator does).
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    expect(
      (await identity.http.app.inject({ method: 'POST', url: '/phone-codes', payload: { phone } }))
        .statusCode,
    ).toBe(202);
    const verified = await identity.http.app.inject({
      method: 'POST',
      url: '/phone-codes/verify',
      headers: {
        authorization: `Bearer ${await issuer.tokenFor('service', 'svc-kc', { clientId: 'keycloak-phone-code' })}`,
      },
      payload: { phone, code: identity.lastCodeSentTo(phone), clientAddress: '203.0.113.9' },
    });
    expect(verified.statusCode).toBe(200);
    const { subject } = verified.json() as { subject: string };
    const phoneToken = `Bearer ${await issuer.tokenFor('customer', subject)}`;
    const webToken = `Bearer ${await issuer.tokenFor('customer', subject)}`;

    // On the phone: an address (its zone from orders' coverage, over HTTP), then the basket.
    const added = await fetch(`${identityUrl}/customers/me/addresses`, {
      method: 'POST',
      headers: {
        authorization: phoneToken,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        recipient: '李娜',
        areaCode: '310104',
        city: '上海市',
        street: '漕溪北路 88 号',
      }),
    });
    expect(added.status).toBe(201);
    const address = (await added.json()) as { id: string; zoneId: string; isDefault: boolean };
    expect(address).toMatchObject({ zoneId: fx.zoneId, isDefault: true });

    const onPhone = (method: string, path: string, body?: object) =>
      fetch(`${ordersUrl}${path}`, {
        method,
        headers: { authorization: phoneToken, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect(
      (await onPhone('PUT', `/basket/lines/${strawberries}`, { quantity: 2, substitution: 'similar-ok' }))
        .status,
    ).toBe(200);
    expect(
      (await onPhone('PUT', `/basket/lines/${pork}`, { estimatedWeightGrams: 600, substitution: 'none' }))
        .status,
    ).toBe(200);
    const chosen = await onPhone('PUT', '/basket/address', { addressId: address.id });
    expect(chosen.status).toBe(200);

    // On the web: the same basket and its quote, then checkout.
    const quote = (await (
      await fetch(`${ordersUrl}/basket`, { headers: { authorization: webToken } })
    ).json()) as Record<string, unknown>;
    // 2 × 3990 + 600 g of pork at 2990 per 500 g (3588) = 11568 < 19900: the zone's 600 fen fee.
    expect(quote).toMatchObject({
      addressId: address.id,
      zoneId: fx.zoneId,
      goodsFen: 11_568,
      deliveryFeeFen: 600,
      totalFen: 12_168,
      orderable: true,
    });

    const key = randomUUID();
    const checkout = () =>
      fetch(`${ordersUrl}/basket/checkout`, {
        method: 'POST',
        headers: { authorization: webToken, 'idempotency-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ slotId: fx.slotId }),
      });
    const placed = await checkout();
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as {
      id: string;
      zoneId: string;
      deliveryFeeFen: number;
      totalFen: number;
      addressId: string;
      address: Record<string, string>;
      lines: Array<{ skuId: string; substitution: string }>;
    };
    expect(order).toMatchObject({
      zoneId: fx.zoneId,
      deliveryFeeFen: 600,
      totalFen: 12_168,
      addressId: address.id,
    });
    expect(order.address).toMatchObject({
      zoneId: fx.zoneId,
      recipient: '李娜',
      phone: `+86${phone}`,
      street: '漕溪北路 88 号',
    });
    expect(order.lines.map((l) => [l.skuId, l.substitution])).toEqual([
      [strawberries, 'similar-ok'],
      [pork, 'none'],
    ]);

    // What fulfillment will read: order.placed with the zone, the fee and the substitutions.
    const [event] = await orders.db.transaction((em) =>
      em.query("SELECT payload FROM outbox_event WHERE type = 'order.placed' AND event_key = ?", [order.id]),
    );
    const stored = JSON.parse(event.payload);
    const placedEvent = stored.payload ?? stored;
    expect(placedEvent).toMatchObject({
      zoneId: fx.zoneId,
      deliveryFeeFen: 600,
      totalFen: 12_168,
      customerId: subject,
    });
    expect(placedEvent.lines.map((l: { substitution: string }) => l.substitution)).toEqual([
      'similar-ok',
      'none',
    ]);

    // The web's retry (the answer was lost) is the same order; the phone now sees an empty basket.
    const retried = await checkout();
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retried.json()) as { id: string }).id).toBe(order.id);
    const after = (await (await onPhone('GET', '/basket')).json()) as { lines: unknown[] };
    expect(after.lines).toEqual([]);
  });

  it('refuses an address where we do not deliver with 422 naming areaCode, over the real coverage', async () => {
    const refused = await fetch(`${identityUrl}/customers/me/addresses`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await issuer.tokenFor('customer', randomUUID())}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ recipient: '李娜', areaCode: '110105', city: '北京市', street: '建国路 1 号' }),
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({
      type: 'urn:harvest:problem:not-delivered',
      field: 'areaCode',
    });
  });
});
