import { SignJWT } from 'jose';
import { issueToken } from './issue-token';
import { createTestApp, TEST_JWT, type TestApp } from '../testing/http-test-app';

const now = () => Math.floor(Date.now() / 1000);

describe('AuthGuard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.app.close());

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
    const good = await t.tokenFor({ subject: 'c-1', role: 'customer' });
    const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    const wrongKey = await issueToken(
      { subject: 'c-1', role: 'customer' },
      { ...TEST_JWT, secret: 'another-secret-also-at-least-32-characters' },
    );
    const wrongAudience = await issueToken(
      { subject: 'c-1', role: 'customer' },
      { ...TEST_JWT, audience: 'someone-else' },
    );
    const wrongIssuer = await issueToken(
      { subject: 'c-1', role: 'customer' },
      { ...TEST_JWT, issuer: 'evil' },
    );
    for (const token of ['not-a-jwt', tampered, wrongKey, wrongAudience, wrongIssuer]) {
      expectProblem(await get('/anyone-signed-in', token), 401);
    }
  });

  it('answers an expired token with 401 saying so', async () => {
    const expired = await t.tokenFor(
      { subject: 'c-1', role: 'customer' },
      Math.floor(Date.now() / 1000) - 60,
    );
    const res = await get('/anyone-signed-in', expired);
    expectProblem(res, 401);
    expect(res.json().detail).toMatch(/expired/);
  });

  // Signed with the right key, so only the token policy stands between them and the route.
  it.each([
    ['without exp', {}, (jwt: SignJWT) => jwt, /no expiry/],
    ['living longer than a staff token may', {}, (jwt: SignJWT) => jwt.setExpirationTime('2h'), /3600 s/],
    [
      'issued in the future',
      {},
      (jwt: SignJWT) => jwt.setIssuedAt(now() + 120).setExpirationTime(now() + 600),
      /not valid yet/,
    ],
    ['signed with HS512', { alg: 'HS512' }, (jwt: SignJWT) => jwt.setExpirationTime('5m'), /HS256/],
  ] as const)('answers a well-signed token %s with 401 saying why', async (_case, header, shape, detail) => {
    const jwt = new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', ...header })
      .setSubject('ops-1')
      .setIssuer(TEST_JWT.issuer)
      .setAudience(TEST_JWT.audience)
      .setIssuedAt();
    const token = await shape(jwt).sign(new TextEncoder().encode(TEST_JWT.secret));
    const res = await get('/anyone-signed-in', token);
    expectProblem(res, 401);
    expect(res.json().detail).toMatch(detail);
  });

  it('answers a token whose role is unknown with 401', async () => {
    const token = await issueToken({ subject: 'x', role: 'superuser' as never }, TEST_JWT);
    expectProblem(await get('/anyone-signed-in', token), 401);
  });

  it('answers a valid token with the wrong role with 403', async () => {
    const token = await t.tokenFor({ subject: 'c-1', role: 'customer' });
    const res = await get('/backoffice', token);
    expectProblem(res, 403);
    expect(res.json().detail).toContain('admin, agent');
  });

  it('lets a listed role through and hands the principal to the handler', async () => {
    for (const role of ['admin', 'agent'] as const) {
      const token = await t.tokenFor({
        subject: `${role}-7`,
        role,
        fulfillmentCenterId: 'fc-ams-1',
        scopes: ['orders:read', 'orders:refund'],
      });
      const res = await get('/backoffice', token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        subject: `${role}-7`,
        role,
        fulfillmentCenterId: 'fc-ams-1',
        scopes: ['orders:read', 'orders:refund'],
      });
    }
  });

  it('lets any role through a route without @Roles()', async () => {
    const token = await t.tokenFor({ subject: 'scanner-3', role: 'scanner' });
    const res = await get('/anyone-signed-in', token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ subject: 'scanner-3', role: 'scanner' });
  });

  it('opens @Public() routes, health and metrics without a token', async () => {
    for (const url of ['/open', '/health/live', '/health/ready', '/metrics']) {
      expect((await get(url)).statusCode).toBe(200);
    }
  });
});
