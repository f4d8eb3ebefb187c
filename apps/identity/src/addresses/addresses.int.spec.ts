import {
  FakeDeliveryCoverage,
  startIdentityForTest,
  type IdentityUnderTest,
} from '@harvest/identity/testing';
import { connectAsRoot, TestIssuer } from '@harvest/testing';
import { randomUUID } from 'node:crypto';

describe('identity: customer accounts and address books (real MariaDB, orders coverage as its fake)', () => {
  let identity: IdentityUnderTest;
  let issuer: TestIssuer;
  let coverage: FakeDeliveryCoverage;

  const as = async (subject: string) => ({
    authorization: `Bearer ${await issuer.tokenFor('customer', subject)}`,
  });
  const add = async (subject: string, payload: Record<string, unknown>, key: string = randomUUID()) =>
    identity.http.app.inject({
      method: 'POST',
      url: '/customers/me/addresses',
      payload,
      headers: { ...(await as(subject)), 'idempotency-key': key },
    });
  const book = async (subject: string) =>
    (
      await identity.http.app.inject({
        method: 'GET',
        url: '/customers/me/addresses',
        headers: await as(subject),
      })
    ).json().addresses as Array<{ id: string; isDefault: boolean; zoneId: string; areaCode: string }>;
  const rows = async (table: string, where: string, args: unknown[]) => {
    const root = await connectAsRoot();
    try {
      const [result] = await root.query(`SELECT * FROM \`${identity.schema}\`.${table} WHERE ${where}`, args);
      return result as Array<Record<string, unknown>>;
    } finally {
      await root.end();
    }
  };
  const home = { recipient: '王芳', areaCode: '310104', city: '上海市', street: '漕溪北路 88 号' };

  beforeAll(async () => {
    coverage = await new FakeDeliveryCoverage({
      '310104': 'zone-sh-xuhui',
      '310115': 'zone-sh-pudong',
    }).start();
    issuer = await new TestIssuer('identity').start();
    identity = await startIdentityForTest({ ...issuer.env, IDENTITY_ORDERS_URL: coverage.baseUrl });
  });

  afterAll(async () => {
    await identity?.close();
    await issuer?.close();
    await coverage?.stop();
  });

  it('makes the account at the first authenticated call of a customer who signed in without a phone', async () => {
    const subject = randomUUID();
    expect(await rows('customer', 'id = ?', [subject])).toHaveLength(0);
    const me = await identity.http.app.inject({
      method: 'GET',
      url: '/customers/me',
      headers: await as(subject),
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ subject, phone: null, hasPassword: false });
    expect(await rows('customer', 'id = ?', [subject])).toHaveLength(1);
  });

  it('resolves each address to its zone; the first is the default, a later one may take over', async () => {
    const subject = randomUUID();
    const first = await add(subject, home);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ ...home, zoneId: 'zone-sh-xuhui', isDefault: true });

    const work = await add(subject, {
      ...home,
      areaCode: '310115',
      street: '世纪大道 100 号',
      makeDefault: true,
    });
    expect(work.json()).toMatchObject({ zoneId: 'zone-sh-pudong', isDefault: true });
    expect((await book(subject)).map((a) => [a.areaCode, a.isDefault])).toEqual([
      ['310104', false],
      ['310115', true],
    ]);

    const back = await identity.http.app.inject({
      method: 'PUT',
      url: '/customers/me/default-address',
      payload: { addressId: first.json().id },
      headers: await as(subject),
    });
    expect(back.statusCode).toBe(200);
    expect((await book(subject)).filter((a) => a.isDefault).map((a) => a.id)).toEqual([first.json().id]);

    const removed = await identity.http.app.inject({
      method: 'DELETE',
      url: `/customers/me/addresses/${first.json().id}`,
      headers: await as(subject),
    });
    expect(removed.statusCode).toBe(204);
    expect(await book(subject)).toEqual([expect.objectContaining({ id: work.json().id, isDefault: true })]);
  });

  it('answers 422 naming areaCode where we do not deliver, and saves nothing', async () => {
    const subject = randomUUID();
    const refused = await add(subject, { ...home, areaCode: '110105' });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ type: 'urn:harvest:problem:not-delivered', field: 'areaCode' });
    expect(await rows('customer_address', 'customer_id = ?', [subject])).toHaveLength(0);
  });

  it('refuses a malformed address with 400 naming the field; coverage down is 503; nothing saved', async () => {
    const subject = randomUUID();
    const bad = await add(subject, { ...home, areaCode: '31-104' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('areaCode');
    coverage.down();
    try {
      const down = await add(subject, home);
      expect(down.statusCode).toBe(503);
      expect(down.json().type).toBe('urn:harvest:problem:delivery-coverage-unavailable');
    } finally {
      coverage.down(false);
    }
    expect(await rows('customer_address', 'customer_id = ?', [subject])).toHaveLength(0);
  });

  it('replays a retried add with the same Idempotency-Key instead of saving it twice', async () => {
    const subject = randomUUID();
    const key = randomUUID();
    const once = await add(subject, home, key);
    const again = await add(subject, home, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(once.json().id);
    expect(await book(subject)).toHaveLength(1);
  });

  it("shows a customer only their own book: another's address is 404 to change or remove", async () => {
    const owner = randomUUID();
    const id = (await add(owner, home)).json().id as string;
    const other = randomUUID();
    expect(await book(other)).toEqual([]);
    for (const request of [
      { method: 'PUT' as const, url: '/customers/me/default-address', payload: { addressId: id } },
      { method: 'DELETE' as const, url: `/customers/me/addresses/${id}` },
    ]) {
      const answer = await identity.http.app.inject({ ...request, headers: await as(other) });
      expect(answer.statusCode).toBe(404);
    }
    expect(await book(owner)).toHaveLength(1);
  });

  it('gives orders (and only orders) the delivery address with the account phone', async () => {
    const subject = randomUUID();
    const id = (await add(subject, home)).json().id as string;
    const read = async (clientId: string, customerId = subject) =>
      identity.http.app.inject({
        method: 'GET',
        url: `/customers/${customerId}/addresses/${id}`,
        headers: { authorization: `Bearer ${await issuer.serviceToken(clientId)}` },
      });
    const answer = await read('orders');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      id,
      customerId: subject,
      zoneId: 'zone-sh-xuhui',
      recipient: home.recipient,
      phone: null,
      city: home.city,
      street: home.street,
    });
    expect((await read('catalog')).statusCode).toBe(403);
    expect((await read('orders', randomUUID())).statusCode).toBe(404);
    const customerRead = await identity.http.app.inject({
      method: 'GET',
      url: `/customers/${subject}/addresses/${id}`,
      headers: await as(subject),
    });
    expect(customerRead.statusCode).toBe(403);
  });
});
