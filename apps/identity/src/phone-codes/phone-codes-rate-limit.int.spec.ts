import { startIdentityForTest, type IdentityUnderTest } from '@harvest/identity/testing';

describe('identity: code sending under the platform strict rate limit (real MariaDB)', () => {
  let identity: IdentityUnderTest;

  beforeAll(async () => {
    // Production's strict budget is 10 a minute per address; 2 here so the spec stays short. The domain's
    // own per-address throttle (20 an hour) is far from reached.
    identity = await startIdentityForTest({ RATE_LIMIT_STRICT_MAX: '2' });
  });

  afterAll(async () => {
    await identity?.close();
  });

  it('refuses a third code from one address within the window with 429 rate-limited, before any SMS', async () => {
    const send = (phone: string, remoteAddress: string) =>
      identity.http.app.inject({ method: 'POST', url: '/phone-codes', payload: { phone }, remoteAddress });
    expect((await send('13800138101', '203.0.113.71')).statusCode).toBe(202);
    expect((await send('13800138102', '203.0.113.71')).statusCode).toBe(202);

    const refused = await send('13800138103', '203.0.113.71');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.json().type).toBe('urn:harvest:problem:rate-limited');
    expect(identity.sms.messagesTo('13800138103')).toEqual([]);

    // Another address has its own budget.
    expect((await send('13800138103', '203.0.113.72')).statusCode).toBe(202);
  });
});
