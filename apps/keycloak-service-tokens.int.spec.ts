/**
 * Issue 18, "services verify, never sign", against the REAL Keycloak of the test tier: callcenter calls orders
 * with its own client-credentials token from realm `harvest` (accepted, the agent and the call recorded);
 * every token an attacker would try gets 401 with nothing written; and a key rotation, done in a throw-away
 * realm this spec creates and deletes (never in the shared `harvest`), is followed without a restart.
 */
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { decodeProtectedHeader, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import {
  address,
  applySkus,
  createFixture,
  setStock,
  skuState,
  startOrdersTestApp,
  type Fixture,
  type OrdersTestApp,
} from '@harvest/orders/testing';
import { startCallcenterTestApp, type CallcenterTestApp } from '@harvest/callcenter/testing';
import {
  audienceMapper,
  clientCredentialsToken,
  issuerOf,
  KeycloakAdmin,
  keycloakSettingsFromEnv,
  passwordToken,
  rolesClaimMapper,
  TestIssuer,
} from '@harvest/testing';
import {
  ORDERS_CLIENT,
  type OrdersClient,
} from './callcenter/src/agent-actions/orders-client/orders-client.port';

const keycloak = keycloakSettingsFromEnv();
const ISSUER = issuerOf(keycloak);
const CALLCENTER_SECRET = 'dev-only-callcenter-secret';
const run = randomBytes(3).toString('hex');

async function jwksOf(issuer: string): Promise<Array<Record<string, string>>> {
  const response = await fetch(`${issuer}/protocol/openid-connect/certs`);
  return ((await response.json()) as { keys: Array<Record<string, string>> }).keys;
}

/** Waits for a condition the spec needs (a JWKS refresh), failing with what it waited for. */
async function eventually(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('services verify tokens of the real Keycloak, never sign', () => {
  let orders: OrdersTestApp;
  let callcenter: CallcenterTestApp;
  let f: Fixture;
  const sku = () => `sku-kc-${orders.runId}`;
  const wrongAudienceClient = `verify18-wrong-aud-${run}`;
  const shortLivedClient = `verify18-short-${run}`;
  const throwAwaySecret = `spec-only-${randomUUID()}`;

  beforeAll(async () => {
    const admin = await KeycloakAdmin.signIn(keycloak);
    // The password-grant copy of agent-console the identity specs use (never in the realm file).
    await admin.ensurePasswordGrantClient('harvest-int-tests', 'agent-console');
    orders = await startOrdersTestApp({ AUTH_ISSUER_URL: ISSUER });
    await orders.app.listen({ host: '127.0.0.1', port: 0 });
    // Orders trusts only Keycloak here: the fixture's slot is created by the directory's admin, chen.jie.
    const adminToken = await passwordToken(keycloak, 'harvest-int-tests', 'chen.jie', 'dev-only-chen.jie');
    const asDirectoryAdmin = { ...orders, token: () => Promise.resolve(adminToken) };
    f = await createFixture(asDirectoryAdmin);
    await applySkus(orders, [skuState(sku(), { priceFen: 990 })]);
    await setStock(asDirectoryAdmin, f.centerId, sku(), 100);
    const ordersUrl = `http://127.0.0.1:${(orders.app.getHttpServer().address() as AddressInfo).port}`;
    callcenter = await startCallcenterTestApp({
      ORDERS_BASE_URL: ordersUrl,
      AUTH_ISSUER_URL: ISSUER,
      AUTH_CLIENT_SECRET: CALLCENTER_SECRET,
    });
    await admin.createServiceClient(wrongAudienceClient, throwAwaySecret, { audience: ['catalog'] });
    await admin.createServiceClient(shortLivedClient, throwAwaySecret, {
      audience: ['orders'],
      lifespanSeconds: 1,
    });
  });

  afterAll(async () => {
    const admin = await KeycloakAdmin.signIn(keycloak).catch(() => undefined);
    await admin?.deleteClient(wrongAudienceClient);
    await admin?.deleteClient(shortLivedClient);
    await callcenter?.close();
    await orders?.close();
  });

  const orderRows = async () =>
    Number((await orders.db.transaction((em) => em.query('SELECT COUNT(*) AS n FROM customer_order')))[0].n);
  const checkoutBody = () => ({
    customerId: 'cust-kc-1',
    address: address(f.zoneId),
    slotId: f.slotId,
    lines: [{ skuId: sku(), quantity: 1 }],
  });
  /** What callcenter sends for an agent's checkout, with `token` as the bearer. */
  const agentCheckout = (token: string) =>
    orders.app.inject({
      method: 'POST',
      url: '/orders',
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
        'x-acting-agent': 'agent-kc',
        'x-call-id': 'call-kc-1',
      },
      payload: checkoutBody(),
    });

  it('lets callcenter place an order through orders with its own client-credentials token, agent and call recorded', async () => {
    const client = callcenter.app.get<symbol, OrdersClient>(ORDERS_CLIENT);
    const answer = await client.placeOrder(
      { agentId: 'agent-kc', callId: 'call-kc-1' },
      randomUUID(),
      checkoutBody(),
    );
    expect(answer.status).toBe(201);
    const [row] = await orders.db.transaction((em) =>
      em.query('SELECT placed_by_agent_id AS agentId, call_id AS callId FROM customer_order WHERE id = ?', [
        answer.body.id,
      ]),
    );
    expect(row).toEqual({ agentId: 'agent-kc', callId: 'call-kc-1' });
    // The same token, straight from Keycloak: RS256 with a kid, issued to callcenter, for orders.
    const token = await clientCredentialsToken(keycloak, 'callcenter', CALLCENTER_SECRET);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect((await agentCheckout(token)).statusCode).toBe(201);
  });

  it('answers 401 and writes nothing for another client, another issuer, alg none, a wrong audience, an expired token, an unknown key and HS256', async () => {
    const published = (await jwksOf(ISSUER)).find((k) => k.use === 'sig' && k.alg === 'RS256')!;
    const claims = { roles: ['service'], azp: 'callcenter' };
    const likeCallcenter = () =>
      new SignJWT(claims)
        .setSubject('service-account-callcenter')
        .setIssuer(ISSUER)
        .setAudience('orders')
        .setIssuedAt()
        .setExpirationTime('5m');
    const otherIssuer = await new TestIssuer(['orders'], 'RS256').start();
    try {
      const expiring = await clientCredentialsToken(keycloak, shortLivedClient, throwAwaySecret);
      const attempts: Array<[string, string]> = [
        [
          'another client (catalog)',
          await clientCredentialsToken(keycloak, 'catalog', 'dev-only-catalog-secret'),
        ],
        ['another issuer', await otherIssuer.serviceToken('callcenter', { audience: 'orders' })],
        [
          'alg none',
          new UnsecuredJWT(claims)
            .setSubject('service-account-callcenter')
            .setIssuer(ISSUER)
            .setAudience('orders')
            .setIssuedAt()
            .setExpirationTime('5m')
            .encode(),
        ],
        ['a wrong audience', await clientCredentialsToken(keycloak, wrongAudienceClient, throwAwaySecret)],
        [
          'a key Keycloak never published, under its kid',
          await likeCallcenter()
            .setProtectedHeader({ alg: 'RS256', kid: published.kid })
            .sign((await generateKeyPair('RS256')).privateKey),
        ],
        [
          'HS256 keyed with the published public key',
          await likeCallcenter()
            .setProtectedHeader({ alg: 'HS256', kid: published.kid })
            .sign(new TextEncoder().encode(JSON.stringify(published))),
        ],
      ];
      // The short-lived client's token lives 1 s; wait until it has expired (exp has no clock skew).
      const { exp } = JSON.parse(Buffer.from(expiring.split('.')[1]!, 'base64url').toString()) as {
        exp: number;
      };
      await eventually('the 1 s token has expired', () => Promise.resolve(Date.now() / 1000 > exp + 0.5));
      attempts.push(['an expired token', expiring]);

      const before = await orderRows();
      const answers = [];
      for (const [what, token] of attempts) {
        const response = await agentCheckout(token);
        answers.push([what, response.statusCode, response.headers['content-type']]);
      }
      expect(answers).toEqual(
        attempts.map(([what]) => [what, 401, expect.stringMatching(/^application\/problem\+json/)]),
      );
      expect(await orderRows()).toBe(before);
    } finally {
      await otherIssuer.close();
    }
  });
});

describe('a key rotation at the issuer, in a throw-away realm', () => {
  const realm = `verify18-rotation-${run}`;
  const secret = `spec-only-${randomUUID()}`;
  const settings = { ...keycloak, realm };
  let admin: KeycloakAdmin;
  let orders: OrdersTestApp;

  beforeAll(async () => {
    admin = await (
      await KeycloakAdmin.signIn(keycloak)
    ).createRealm({
      realm,
      enabled: true,
      roles: { realm: [{ name: 'service' }] },
      clients: [
        {
          clientId: 'callcenter',
          enabled: true,
          publicClient: false,
          secret,
          serviceAccountsEnabled: true,
          standardFlowEnabled: false,
          protocolMappers: [rolesClaimMapper(), audienceMapper('orders')],
        },
      ],
      users: [
        {
          username: 'service-account-callcenter',
          enabled: true,
          serviceAccountClientId: 'callcenter',
          realmRoles: ['service'],
        },
      ],
    });
    // The set is trusted 1 s here instead of 5 min, so the spec sees the removal without waiting minutes.
    orders = await startOrdersTestApp({
      AUTH_ISSUER_URL: issuerOf(settings),
      AUTH_JWKS_CACHE_MAX_AGE_MS: '1000',
      AUTH_JWKS_COOLDOWN_MS: '0',
    });
  });

  afterAll(async () => {
    await orders?.close();
    await (await KeycloakAdmin.signIn(keycloak)).inRealm(realm).deleteRealm();
  });

  const list = async (token: string) =>
    (
      await orders.app.inject({
        method: 'GET',
        url: '/orders?customerId=cust-rot',
        headers: { authorization: `Bearer ${token}` },
      })
    ).statusCode;

  it('accepts tokens of a new key without a restart, and refuses the old key once it is removed', async () => {
    const token = () => clientCredentialsToken(settings, 'callcenter', secret);
    const signedByOld = await token();
    const oldKid = decodeProtectedHeader(signedByOld).kid;
    expect(await list(signedByOld)).toBe(200);

    admin = (await KeycloakAdmin.signIn(keycloak)).inRealm(realm);
    const realmId = (await admin.request<{ id: string }>('GET', '')).id;
    const providers = await admin.request<Array<{ id: string; providerId: string }>>(
      'GET',
      '/components?type=org.keycloak.keys.KeyProvider',
    );
    const oldProvider = providers.find((p) => p.providerId === 'rsa-generated')!;
    await admin.request('POST', '/components', {
      name: 'rotated-in',
      providerId: 'rsa-generated',
      providerType: 'org.keycloak.keys.KeyProvider',
      parentId: realmId,
      config: { priority: ['200'], keySize: ['2048'], active: ['true'], enabled: ['true'] },
    });
    const signedByNew = await token();
    expect(decodeProtectedHeader(signedByNew).kid).not.toBe(oldKid);
    expect(await list(signedByNew)).toBe(200); // an unknown kid refreshes the set
    expect(await list(signedByOld)).toBe(200); // the old key is still published

    await admin.request('DELETE', `/components/${oldProvider.id}`);
    expect((await jwksOf(issuerOf(settings))).map((k) => k.kid)).not.toContain(oldKid);
    await eventually('orders refuses the removed key', async () => (await list(signedByOld)) === 401);
    expect(await list(signedByNew)).toBe(200);
  });
});
