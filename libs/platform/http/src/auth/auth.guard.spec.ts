import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TestIssuer } from '@harvest/testing';
import { createTestApp, TEST_AUDIENCE, type TestApp } from '../testing/http-test-app';

const now = () => Math.floor(Date.now() / 1000);

describe('AuthGuard', () => {
  let t: TestApp;

  let foreign: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    foreign = await new TestIssuer(TEST_AUDIENCE).start();
  });
  afterAll(async () => {
    await t.app.close();
    await foreign.close();
  });

  const get = (url: string, token?: string) =>
    t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  const expectProblem = (res: Awaited<ReturnType<typeof get>>, status: number) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status });
  };

  it('answers a route without @Public() and without a token with 401', async () => {
    const res = await get('/anyone-signed-in');
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers a malformed, tampered or foreign token with 401', async () => {
    const customer = { subject: 'c-1', roles: ['customer' as const] };
    const good = await t.tokenFor(customer);
    const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    // Another issuer's key, claiming to be ours.
    const wrongKey = await foreign.issue(customer, { issuer: t.issuer.issuer });
    const wrongAudience = await t.issuer.issue(customer, { audience: 'someone-else' });
    const wrongIssuer = await foreign.issue(customer);
    for (const token of ['not-a-jwt', tampered, wrongKey, wrongAudience, wrongIssuer]) {
      expectProblem(await get('/anyone-signed-in', token), 401);
    }
  });

  it('answers an expired token with 401 saying so', async () => {
    const expired = await t.tokenFor(
      { subject: 'c-1', roles: ['customer'] },
      Math.floor(Date.now() / 1000) - 60,
    );
    const res = await get('/anyone-signed-in', expired);
    expectProblem(res, 401);
    expect(res.json().detail).toMatch(/expired/);
  });

  // Signed with a published key, so only the token policy stands between them and the route.
  it.each([
    ['without exp', {}, (jwt: SignJWT) => jwt, /no expiry/],
    ['living longer than a staff token may', {}, (jwt: SignJWT) => jwt.setExpirationTime('2h'), /3600 s/],
    [
      'issued in the future',
      {},
      (jwt: SignJWT) => jwt.setIssuedAt(now() + 120).setExpirationTime(now() + 600),
      /not valid yet/,
    ],
    ['signed with ES384', { alg: 'ES384' }, (jwt: SignJWT) => jwt.setExpirationTime('5m'), /RS256 or ES256/],
  ] as const)('answers a well-signed token %s with 401 saying why', async (_case, header, shape, detail) => {
    const jwt = new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256', ...header })
      .setSubject('ops-1')
      .setIssuer(t.issuer.issuer)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt();
    const alg = (header as { alg?: string }).alg ?? 'ES256';
    const { privateKey, publicKey } = await generateKeyPair(alg);
    // Published under its kid, so the signature would verify if the policy let it through.
    const kid = await t.issuer.publish({ ...(await exportJWK(publicKey)), alg });
    const token = await shape(jwt.setProtectedHeader({ alg, kid })).sign(privateKey);
    const res = await get('/anyone-signed-in', token);
    expectProblem(res, 401);
    expect(res.json().detail).toMatch(detail);
  });

  it('answers an HS256 token with 401, even keyed with the bytes of a published public key', async () => {
    const jwk = (await t.issuer.publicJwks())[0]!;
    const token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: jwk.kid })
      .setSubject('ops-1')
      .setIssuer(t.issuer.issuer)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(jwk)));
    const res = await get('/anyone-signed-in', token);
    expectProblem(res, 401);
    expect(res.json().detail).toMatch(/RS256 or ES256/);
  });

  it('answers a token whose role is unknown with 401', async () => {
    const token = await t.tokenFor({ subject: 'x', roles: ['superuser' as never] });
    expectProblem(await get('/anyone-signed-in', token), 401);
  });

  it('answers a valid token with the wrong role with 403', async () => {
    const token = await t.tokenFor({ subject: 'c-1', roles: ['customer', 'scanner'] });
    const res = await get('/backoffice', token);
    expectProblem(res, 403);
    expect(res.json().detail).toContain('admin, agent');
  });

  it('lets a listed role through and hands the principal to the handler', async () => {
    for (const roles of [['admin'], ['agent'], ['customer', 'agent']] as const) {
      const token = await t.tokenFor({
        subject: `${roles.join('-')}-7`,
        roles: [...roles],
        clientId: 'agent-console',
        fulfillmentCenterId: 'fc-ams-1',
        scopes: ['orders:read', 'orders:refund'],
      });
      const res = await get('/backoffice', token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        subject: `${roles.join('-')}-7`,
        roles,
        clientId: 'agent-console',
        fulfillmentCenterId: 'fc-ams-1',
        scopes: ['orders:read', 'orders:refund'],
      });
    }
  });

  it('lets any role through a route without @Roles()', async () => {
    const token = await t.tokenFor({ subject: 'scanner-3', roles: ['scanner'] });
    const res = await get('/anyone-signed-in', token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ subject: 'scanner-3', roles: ['scanner'] });
  });

  it('hands a service the agent and call it names, and ignores them on anyone else', async () => {
    const service = await t.issuer.serviceToken('callcenter', { audience: TEST_AUDIENCE });
    const acting = { 'x-acting-agent': 'agent-5', 'x-call-id': 'call-1' };
    const res = await t.app.inject({
      method: 'GET',
      url: '/anyone-signed-in',
      headers: { authorization: `Bearer ${service}`, ...acting },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      roles: ['service'],
      clientId: 'callcenter',
      actor: { subject: 'agent-5' },
      callId: 'call-1',
    });
    const agent = await t.tokenFor({ subject: 'agent-5', roles: ['agent'] });
    const ignored = await t.app.inject({
      method: 'GET',
      url: '/anyone-signed-in',
      headers: { authorization: `Bearer ${agent}`, ...acting },
    });
    expect(ignored.statusCode).toBe(200);
    expect(ignored.json()).toEqual({ subject: 'agent-5', roles: ['agent'] });
    const noAgent = await t.app.inject({
      method: 'GET',
      url: '/anyone-signed-in',
      headers: { authorization: `Bearer ${service}`, 'x-call-id': 'call-1' },
    });
    expectProblem(noAgent, 401);
    expect(noAgent.json().detail).toMatch(/X-Acting-Agent/);
  });

  it('opens @Public() routes, health and metrics without a token', async () => {
    for (const url of ['/open', '/health/live', '/health/ready', '/metrics']) {
      expect((await get(url)).statusCode).toBe(200);
    }
  });
});
