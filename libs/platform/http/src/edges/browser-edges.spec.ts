import { loadConfig } from '@harvest/platform/config';
import { createTestApp, type TestApp } from '../testing/http-test-app';
import { edgesConfigShape } from './edges.config';

const STOREFRONT = 'http://127.0.0.1:4200';
const AGENT_CONSOLE = 'http://127.0.0.1:4300';
const FOREIGN = 'https://evil.example';

const listOf = (header: unknown) => String(header).split(/,\s*/);
const corsHeadersOf = (headers: Record<string, unknown>) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('CORS for the configured web-app origins only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: `${STOREFRONT}, ${AGENT_CONSOLE}` });
  });
  afterAll(() => t.app.close());

  const preflight = (origin: string, requestHeaders = 'authorization,content-type,idempotency-key') =>
    t.app.inject({
      method: 'OPTIONS',
      url: '/orders',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': requestHeaders,
      },
    });

  it('answers a preflight from a configured origin with the headers our routes take', async () => {
    const res = await preflight(
      AGENT_CONSOLE,
      'authorization,content-type,idempotency-key,if-match,x-call-id',
    );
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(AGENT_CONSOLE);
    expect(listOf(res.headers['access-control-allow-methods'])).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    );
    const allowed = listOf(String(res.headers['access-control-allow-headers']).toLowerCase());
    expect(allowed).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-call-id']),
    );
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(res.headers.vary)).toMatch(/origin/i);
  });

  it('lets a configured origin read the answer and the headers it needs (ETag, Location, Retry-After)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/open', headers: { origin: STOREFRONT } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(STOREFRONT);
    expect(listOf(res.headers['access-control-expose-headers'])).toEqual(
      expect.arrayContaining(['ETag', 'Location', 'Retry-After']),
    );
  });

  it('gives a foreign origin no CORS header at all, on a preflight or a request', async () => {
    const foreignPreflight = await preflight(FOREIGN);
    expect(corsHeadersOf(foreignPreflight.headers)).toEqual([]);
    const foreignGet = await t.app.inject({ method: 'GET', url: '/open', headers: { origin: FOREIGN } });
    expect(foreignGet.statusCode).toBe(200); // the server answers; the browser keeps it from the script
    expect(corsHeadersOf(foreignGet.headers)).toEqual([]);
    // A look-alike of a configured origin is foreign too.
    const lookAlike = await t.app.inject({
      method: 'GET',
      url: '/open',
      headers: { origin: 'http://127.0.0.1:42000' },
    });
    expect(corsHeadersOf(lookAlike.headers)).toEqual([]);
  });

  it('allows no origin when none is configured', async () => {
    const bare = await createTestApp();
    try {
      const res = await bare.app.inject({ method: 'GET', url: '/open', headers: { origin: STOREFRONT } });
      expect(corsHeadersOf(res.headers)).toEqual([]);
    } finally {
      await bare.app.close();
    }
  });

  it('refuses a configured origin that is not an origin, naming the variable', () => {
    expect(() => loadConfig(edgesConfigShape, { CORS_ORIGINS: 'http://127.0.0.1:4200/app' })).toThrow(
      /CORS_ORIGINS: .*not an origin/,
    );
    expect(() => loadConfig(edgesConfigShape, { CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(
      loadConfig(edgesConfigShape, { CORS_ORIGINS: `${STOREFRONT},${AGENT_CONSOLE}` }).CORS_ORIGINS,
    ).toEqual([STOREFRONT, AGENT_CONSOLE]);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      CORS_ORIGINS: STOREFRONT,
      RATE_LIMIT_STRICT_MAX: '3',
      RATE_LIMIT_WRITE_MAX: '2',
      RATE_LIMIT_READ_MAX: '2',
      // Behind a proxy on loopback, whose X-Forwarded-For names the client.
      HTTP_TRUST_PROXY: '127.0.0.1',
    });
  });
  afterAll(() => t.app.close());

  const sendCode = (phone: string, client: string) =>
    t.app.inject({
      method: 'POST',
      url: '/phone-codes',
      headers: { 'x-forwarded-for': client, origin: STOREFRONT },
      payload: { phone },
    });
  const expectRateLimited = (res: Awaited<ReturnType<typeof sendCode>>) => {
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'urn:harvest:problem:rate-limited', status: 429 });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.json().retryAfterSeconds).toBe(retryAfter);
  };

  it('limits a strict route per client address', async () => {
    for (let i = 0; i < 3; i++)
      expect((await sendCode(`+86138000000${i}0`, '198.51.100.1')).statusCode).toBe(201);
    const refused = await sendCode('+8613800000099', '198.51.100.1');
    expectRateLimited(refused);
    // The browser may read the refusal and when to retry.
    expect(refused.headers['access-control-allow-origin']).toBe(STOREFRONT);
    expect((await sendCode('+8613800000099', '198.51.100.2')).statusCode).toBe(201);
  });

  it('limits a strict route per phone number, whatever address asks, without storing the number', async () => {
    for (let i = 0; i < 3; i++)
      expect((await sendCode('+8613900000001', `203.0.113.${i + 1}`)).statusCode).toBe(201);
    expectRateLimited(await sendCode('+8613900000001', '203.0.113.50'));
    expect((await sendCode('+8613900000002', '203.0.113.51')).statusCode).toBe(201);
  });

  it('limits writes per caller and route by default, and reads on their own budget', async () => {
    const alice = await t.tokenFor({ subject: 'c-alice', roles: ['customer'] });
    const bob = await t.tokenFor({ subject: 'c-bob', roles: ['customer'] });
    const order = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/orders',
        headers: { authorization: `Bearer ${token}` },
        payload: { lines: [{ sku: 'a', quantity: 1 }] },
      });
    expect((await order(alice)).statusCode).toBe(201);
    expect((await order(alice)).statusCode).toBe(201);
    expectRateLimited(await order(alice));
    // Another caller from the same address has a budget of its own.
    expect((await order(bob)).statusCode).toBe(201);
    const read = () =>
      t.app.inject({
        method: 'GET',
        url: '/anyone-signed-in',
        headers: { authorization: `Bearer ${alice}` },
      });
    expect((await read()).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(200);
    expectRateLimited(await read());
  });

  it('never limits health probes and metrics scrapes', async () => {
    for (let i = 0; i < 5; i++) {
      for (const url of ['/health/live', '/health/ready', '/metrics'])
        expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
  });

  it('counts anew once the window has passed', async () => {
    const quick = await createTestApp({ RATE_LIMIT_STRICT_MAX: '1', RATE_LIMIT_STRICT_WINDOW_SECONDS: '3' });
    try {
      const send = () =>
        quick.app.inject({ method: 'POST', url: '/phone-codes', payload: { phone: '+8613700000001' } });
      expect((await send()).statusCode).toBe(201);
      const refused = await send();
      expect(refused.statusCode).toBe(429);
      await new Promise((resolve) =>
        setTimeout(resolve, Number(refused.headers['retry-after']) * 1000 + 100),
      );
      expect((await send()).statusCode).toBe(201);
    } finally {
      await quick.app.close();
    }
  });
});
