import { KeycloakDeviceClients } from '@harvest/platform/device-clients';
import {
  devicesRealmRepresentation,
  FulfillmentTestKit,
  inDays,
  pieceLine,
  type RealmPerson,
} from '@harvest/fulfillment/testing';
import { clientCredentialsGrant, passwordToken, ThrowawayRealm } from '@harvest/testing';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';

/**
 * Scanner enrollment against the real Keycloak (a throw-away realm shaped like `harvest`): fulfillment makes
 * one client per device through the admin API with its own client credentials, and verifies the realm's
 * tokens (JWKS) like any other.
 */
describe('scanner devices enrolled at Keycloak (MariaDB + Kafka + Keycloak)', () => {
  const suffix = randomUUID().slice(0, 8);
  const centerA = `fc-dev-a-${suffix}`;
  const centerB = `fc-dev-b-${suffix}`;
  const person = (
    username: string,
    role: RealmPerson['role'],
    fulfillmentCenterId?: string,
  ): RealmPerson => ({
    username,
    password: `pw-${username}-${suffix}`,
    role,
    ...(fulfillmentCenterId ? { fulfillmentCenterId } : {}),
  });
  const supervisorA = person('sup-a', 'agent', centerA);
  const supervisorB = person('sup-b', 'agent', centerB);
  const unboundAgent = person('agent-x', 'agent');
  const admin = person('ops', 'admin');
  /** Short in this spec, so that a disabled device's last token is seen expiring; production's is 300 s. */
  const LIFESPAN = 20;

  let realm: ThrowawayRealm;
  let fulfillmentSecret: string;
  let kit: FulfillmentTestKit;

  // People's tokens live 5 minutes, as in `harvest`: a fresh one for every call.
  const tokenOf = (who: RealmPerson) => passwordToken(realm.settings, 'people', who.username, who.password);

  const call = async (
    method: 'GET' | 'POST',
    url: string,
    token: string,
    options: { body?: object; key?: string | null; headers?: Record<string, string> } = {},
  ) =>
    kit.http.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === 'POST' && options.key !== null
          ? { 'idempotency-key': options.key ?? randomUUID() }
          : {}),
        ...options.headers,
      },
      ...(options.body ? { payload: options.body } : {}),
    });

  const enroll = async (who: RealmPerson, center: string, label: string, key = randomUUID()) =>
    call('POST', `/fulfillment-centers/${center}/devices`, await tokenOf(who), { body: { label }, key });

  const deviceToken = async (clientId: string, clientSecret: string): Promise<string> => {
    const answer = await clientCredentialsGrant(realm.settings, clientId, clientSecret);
    if (!answer.accessToken) throw new Error(`no token for ${clientId}: ${answer.status} ${answer.error}`);
    return answer.accessToken;
  };

  const deviceClients = async () =>
    (await realm.admin<Array<{ clientId: string }>>('GET', '/clients?first=0&max=1000')).body
      .map((c) => c.clientId)
      .filter((id) => id.startsWith('scanner-'));

  const expectProblem = (res: Awaited<ReturnType<typeof call>>, status: number, field?: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (field) {
      const body = res.json() as { field?: string; errors?: Array<{ field: string }> };
      expect([body.field, ...(body.errors ?? []).map((e) => e.field)]).toContain(field);
    }
  };

  beforeAll(async () => {
    const realmFile = devicesRealmRepresentation([supervisorA, supervisorB, unboundAgent, admin]);
    fulfillmentSecret = realmFile.fulfillmentSecret;
    realm = await ThrowawayRealm.create(realmFile.representation);
    kit = await FulfillmentTestKit.start({
      // Verify the realm's tokens (today's variables and the issue-18 names, whichever the verifier reads).
      AUTH_JWKS_URL: realm.jwksUrl,
      JWT_ISSUER: realm.issuer,
      JWT_AUDIENCE: 'fulfillment',
      AUTH_AUDIENCE: 'fulfillment',
      AUTH_ISSUER_URL: realm.issuer,
      AUTH_CLIENT_ID: 'fulfillment',
      AUTH_CLIENT_SECRET: fulfillmentSecret,
      DEVICE_ENROLLMENT: 'keycloak-admin',
      DEVICE_TOKEN_LIFESPAN_SECONDS: String(LIFESPAN),
    });
    kit.adminToken = await tokenOf(admin);
    await kit.createCenter(centerA);
    await kit.createCenter(centerB);
  });
  afterAll(async () => {
    await kit?.close();
    await realm?.delete();
  });

  let enrolledA: { id: string; clientId: string; clientSecret: string };

  it('a supervisor enrolls a handheld for their center: its token says scanner and that center, and fulfillment takes it there', async () => {
    const key = randomUUID();
    const res = await enroll(supervisorA, centerA, 'Cold room 2, gun 4', key);
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    enrolledA = res.json();
    expect(res.json()).toMatchObject({
      fulfillmentCenterId: centerA,
      label: 'Cold room 2, gun 4',
      status: 'enabled',
      clientId: `scanner-${enrolledA.id}`,
      disabledAt: null,
    });
    expect(enrolledA.clientSecret.length).toBeGreaterThanOrEqual(32);

    // The secret is nowhere in our database: not in the device's row, not in an idempotency record.
    const rows = await kit.query('SELECT * FROM {db}.scanner_device WHERE id = ?', [enrolledA.id]);
    expect(rows).toHaveLength(1);
    const everything = JSON.stringify([rows, await kit.query('SELECT * FROM {db}.idempotency_key')]);
    expect(everything).not.toContain(enrolledA.clientSecret);

    const token = await deviceToken(enrolledA.clientId, enrolledA.clientSecret);
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(realm.jwksUrl)), {
      issuer: realm.issuer,
      audience: 'fulfillment',
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      azp: enrolledA.clientId,
      roles: ['scanner'],
      role: 'scanner',
      fulfillment_center_id: centerA,
    });
    expect(payload.exp! - payload.iat!).toBe(LIFESPAN);

    // Fulfillment takes it for its center; the picker identifies with their badge and is recorded.
    const next = await call('POST', '/scanner/tasks/next', token, {
      headers: { 'x-picker-id': 'badge-0042' },
    });
    expect(next.statusCode).toBe(200);
    expect(next.json()).toEqual({ task: null });
    const badBadge = await call('POST', '/scanner/tasks/next', token, { headers: { 'x-picker-id': 'a b' } });
    expectProblem(badBadge, 400, 'X-Picker-Id');

    // Listed for the center, without any secret.
    const list = await call('GET', `/fulfillment-centers/${centerA}/devices`, await tokenOf(supervisorA));
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({ id: enrolledA.id, clientId: enrolledA.clientId }),
    ]);
    expect(list.body).not.toContain('clientSecret');
  });

  it('a picker identifies on the device with their badge: the task and the order record the badge, the task also the device', async () => {
    kit.adminToken = await tokenOf(admin);
    const sku = await kit.publishSku({ skuId: `sku-badge-${suffix}`, temperatureClass: 'chilled' });
    const bin = `${centerA}-CHL-01`.toUpperCase();
    const lot = await kit.stockLot({
      skuId: sku.skuId,
      centerId: centerA,
      quantity: 5,
      expiryDate: inDays(6),
      bin,
    });
    const orderId = `ord-badge-${suffix}`;
    await kit.placeAndPay({
      orderId,
      centerId: centerA,
      deliveryDate: inDays(1),
      lines: [pieceLine(sku.skuId, 2, 'chilled')],
    });
    const token = await deviceToken(enrolledA.clientId, enrolledA.clientSecret);
    const badge = { headers: { 'x-picker-id': 'badge-0042' } };
    const task = (await call('POST', '/scanner/tasks/next', token, badge)).json().task;
    expect(task).toMatchObject({ orderId, locationBarcode: bin, lotBarcode: lot.barcode });
    const step = (action: string, body: object) =>
      call('POST', `/scanner/tasks/${task.taskId}/${action}`, token, { ...badge, body });
    expect((await step('scan-location', { barcode: bin })).statusCode).toBe(200);
    expect((await step('scan-lot', { barcode: lot.barcode })).statusCode).toBe(200);
    expect((await step('confirm', { quantity: 2 })).json()).toMatchObject({ status: 'picked' });

    const [recorded] = await kit.query('SELECT assigned_to, device FROM {db}.pick_task WHERE id = ?', [
      task.taskId,
    ]);
    expect(recorded).toEqual({ assigned_to: 'badge-0042', device: decodeJwt(token).sub });
    const [order] = await kit.query('SELECT picked_by FROM {db}.fulfillment_order WHERE order_id = ?', [
      orderId,
    ]);
    expect(order).toEqual({ picked_by: 'scanner:badge-0042' });
  });

  it('a retried enrollment (same key, answer lost) gets the same device with a new secret; the lost one stops working', async () => {
    const key = randomUUID();
    const first = await enroll(supervisorA, centerA, 'Dock gun 1', key);
    expect(first.statusCode).toBe(201);
    const again = await enroll(supervisorA, centerA, 'Dock gun 1', key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({ id: first.json().id, clientId: first.json().clientId });
    expect(again.json().clientSecret).not.toBe(first.json().clientSecret);
    const stale = await clientCredentialsGrant(
      realm.settings,
      first.json().clientId,
      first.json().clientSecret,
    );
    expect(stale.accessToken).toBeUndefined();
    await expect(deviceToken(again.json().clientId, again.json().clientSecret)).resolves.toBeTruthy();

    // The key with another label is refused, naming the key; no device or client is made.
    const clientsBefore = await deviceClients();
    expectProblem(await enroll(supervisorA, centerA, 'Another gun', key), 422, 'Idempotency-Key');
    expect(await deviceClients()).toEqual(clientsBefore);
  });

  it('a scanner token cannot act for another center', async () => {
    const token = await deviceToken(enrolledA.clientId, enrolledA.clientSecret);
    const sku = await kit.publishSku({ skuId: `sku-dev-${suffix}` });
    const lotOfB = await kit.request('POST', '/lots', await tokenOf(admin), {
      skuId: sku.skuId,
      fulfillmentCenterId: centerB,
      quantity: 10,
      receiptDate: inDays(-1),
    });
    expect(lotOfB.statusCode).toBe(201);
    const lotsOfB = () => kit.query('SELECT id FROM {db}.lot WHERE fulfillment_center_id = ?', [centerB]);

    // Naming the other center is refused (403, naming the field), nothing is received.
    const receive = await call('POST', '/lots', token, {
      body: { skuId: sku.skuId, fulfillmentCenterId: centerB, quantity: 5, receiptDate: inDays(-1) },
    });
    expectProblem(receive, 403, 'fulfillmentCenterId');
    expect(await lotsOfB()).toHaveLength(1);
    // Its own center, named or not, is fine.
    const own = await call('POST', '/lots', token, {
      body: { skuId: sku.skuId, fulfillmentCenterId: centerA, quantity: 5, receiptDate: inDays(-1) },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().fulfillmentCenterId).toBe(centerA);
    // Another center's things do not exist for it (404, so ids cannot be probed), and devices are not its business.
    expectProblem(await call('GET', `/lots/${lotOfB.json().id}`, token), 404);
    expectProblem(await call('GET', `/fulfillment-centers/${centerB}/devices`, token), 403);
    expectProblem(await call('GET', `/fulfillment-centers/${centerA}/devices`, token), 403);
  });

  it("only an admin or the supervisor of that center enrolls: another center's supervisor and an unbound agent get 403", async () => {
    const clientsBefore = await deviceClients();
    const rowsBefore = await kit.query('SELECT id FROM {db}.scanner_device');
    for (const who of [supervisorB, unboundAgent]) {
      expectProblem(await enroll(who, centerA, 'Not mine'), 403);
      expectProblem(await call('GET', `/fulfillment-centers/${centerA}/devices`, await tokenOf(who)), 403);
      expectProblem(
        await call(
          'POST',
          `/fulfillment-centers/${centerA}/devices/${enrolledA.id}/disable`,
          await tokenOf(who),
        ),
        403,
      );
    }
    expect(await deviceClients()).toEqual(clientsBefore);
    expect(await kit.query('SELECT id FROM {db}.scanner_device')).toEqual(rowsBefore);

    const byAdmin = await enroll(admin, centerB, 'Night shift gun');
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json()).toMatchObject({ fulfillmentCenterId: centerB, status: 'enabled' });
    // A supervisor only sees their own center's devices.
    const listB = await call('GET', `/fulfillment-centers/${centerB}/devices`, await tokenOf(supervisorB));
    expect(listB.json().map((d: { id: string }) => d.id)).toEqual([byAdmin.json().id]);
  });

  it('a disabled device gets no new token at once, and the token it holds is refused once it expires (≤ its lifespan)', async () => {
    const enrolled = (await enroll(supervisorA, centerA, 'Gun to lose')).json();
    const held = await deviceToken(enrolled.clientId, enrolled.clientSecret);
    const { exp, iat } = decodeJwt(held);
    expect(exp! - iat!).toBeLessThanOrEqual(LIFESPAN);

    const disabled = await call(
      'POST',
      `/fulfillment-centers/${centerA}/devices/${enrolled.id}/disable`,
      await tokenOf(supervisorA),
    );
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: enrolled.id, status: 'disabled' });
    expect(disabled.json().disabledAt).toBeTruthy();

    const refused = await clientCredentialsGrant(realm.settings, enrolled.clientId, enrolled.clientSecret);
    expect(refused.accessToken).toBeUndefined();
    expect([400, 401]).toContain(refused.status);

    // The held token is a signed JWT: it works until its exp, and not a moment longer.
    expect((await call('POST', '/scanner/tasks/next', held)).statusCode).toBe(200);
    let answer = 200;
    while (answer === 200 && Date.now() / 1000 < exp! + 5) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      answer = (await call('POST', '/scanner/tasks/next', held)).statusCode;
    }
    expect(answer).toBe(401);
    expect(Date.now() / 1000).toBeGreaterThanOrEqual(exp! - 1);

    // Disabling again answers the device as it is; a retried enrollment of it gets no new secret.
    const twice = await call(
      'POST',
      `/fulfillment-centers/${centerA}/devices/${enrolled.id}/disable`,
      await tokenOf(admin),
    );
    expect(twice.json()).toMatchObject({ status: 'disabled', disabledAt: disabled.json().disabledAt });
  });

  it('the Keycloak adapter as production configures it: device tokens live 300 s at most, and disabling refuses new ones', async () => {
    const clients = new KeycloakDeviceClients({
      issuerUrl: realm.issuer,
      clientId: 'fulfillment',
      clientSecret: fulfillmentSecret,
      audience: 'fulfillment',
    });
    const deviceId = randomUUID();
    const issued = await clients.register({
      deviceId,
      fulfillmentCenterId: centerA,
      label: 'default lifespan',
    });
    const token = decodeJwt(await deviceToken(issued.clientId, issued.clientSecret));
    expect(token.exp! - token.iat!).toBe(300);
    // Registering the same device again (a lost answer) makes no second client and renews the secret.
    const again = await clients.register({
      deviceId,
      fulfillmentCenterId: centerA,
      label: 'default lifespan',
    });
    expect(again.clientId).toBe(issued.clientId);
    expect(
      (await clientCredentialsGrant(realm.settings, issued.clientId, issued.clientSecret)).accessToken,
    ).toBeUndefined();
    await clients.disable(again);
    expect(
      (await clientCredentialsGrant(realm.settings, again.clientId, again.clientSecret)).accessToken,
    ).toBeUndefined();
  });

  it.each([
    ['no label', {}, 'label'],
    ['an empty label', { label: '   ' }, 'label'],
    ['a label of 129 characters', { label: 'x'.repeat(129) }, 'label'],
    ['a label with a control character', { label: 'gun\u0000' }, 'label'],
    ['a label that is a number', { label: 42 }, 'label'],
    ['an unknown field', { label: 'ok', clientSecret: 'mine' }, 'clientSecret'],
  ])('enrolling with %s is a 400 naming the field, and makes nothing', async (_what, body, field) => {
    const clientsBefore = await deviceClients();
    const res = await call('POST', `/fulfillment-centers/${centerA}/devices`, await tokenOf(supervisorA), {
      body,
    });
    expectProblem(res, 400, field);
    expect(await deviceClients()).toEqual(clientsBefore);
  });

  it('enrolling without an Idempotency-Key is a 400 naming it; an unknown center or device is 404', async () => {
    const token = await tokenOf(admin);
    expectProblem(
      await call('POST', `/fulfillment-centers/${centerA}/devices`, token, {
        body: { label: 'x' },
        key: null,
      }),
      400,
      'Idempotency-Key',
    );
    expectProblem(await enroll(admin, `fc-nowhere-${suffix}`, 'x'), 404);
    expectProblem(
      await call('POST', `/fulfillment-centers/${centerA}/devices/${randomUUID()}/disable`, token),
      404,
    );
  });
});
