import { exchangeOnOneConnection } from '@harvest/testing';
import type { AddressInfo } from 'node:net';
import { type CallcenterTestApp, startCallcenterTestApp } from '@harvest/callcenter/testing';
import { WEBHOOK_PATH } from './webhooks.controller';

// The call-center vendor keeps its connections alive: a webhook refused as too large must not stall the
// next one sent on the same socket (issue 26, section 3).
describe('call-center webhook over a keep-alive connection', () => {
  let t: CallcenterTestApp;

  beforeAll(async () => {
    t = await startCallcenterTestApp();
  });
  afterAll(() => t.close());

  it('answers 413 to a body over the limit and then closes, instead of leaving the next request unanswered', async () => {
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const tooLarge = JSON.stringify({ id: 'evt-1', pad: 'x'.repeat(1024 * 1024) });
    const [refused, next] = await exchangeOnOneConnection(port, [
      { method: 'POST', path: WEBHOOK_PATH, headers: { 'content-type': 'application/json' }, body: tooLarge },
      { method: 'GET', path: '/health/live' },
    ]);
    expect(refused).toMatchObject({
      status: 413,
      headers: { 'content-type': expect.stringMatching(/^application\/problem\+json/) },
    });
    expect(next === 'closed' || (typeof next === 'object' && next.status === 200)).toBe(true);
  });
});
