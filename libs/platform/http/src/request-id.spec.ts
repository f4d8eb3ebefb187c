import { createTestApp, type TestApp } from './testing/http-test-app';

describe('request ids', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.app.close());

  it('echoes a sane incoming X-Request-Id and logs it', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/open',
      headers: { 'x-request-id': 'edge-42.abc:1' },
    });
    expect(res.headers['x-request-id']).toBe('edge-42.abc:1');
    expect(t.logLines.find((l) => l.msg === 'request completed' && l.route === '/open')).toMatchObject({
      request_id: 'edge-42.abc:1',
    });
  });

  it('generates one when none is sent, also on error responses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/anyone-signed-in' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });

  it('replaces an incoming id that could forge log fields or is too long', async () => {
    for (const bad of ['a b', 'x"}{"admin":true', 'x'.repeat(200)]) {
      const res = await t.app.inject({ method: 'GET', url: '/open', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).not.toBe(bad);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
