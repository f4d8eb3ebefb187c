import { exchangeOnOneConnection } from '@harvest/testing';
import type { AddressInfo } from 'node:net';
import { startOrdersTestApp, type OrdersTestApp } from '@harvest/orders/testing';
import { PAYMENT_CALLBACK_PATH } from './payment-callback.controller';

// The payment provider keeps its connections alive: a callback refused as too large must not stall the
// next one sent on the same socket (issue 26, section 3).
describe('payment callback over a keep-alive connection', () => {
  let t: OrdersTestApp;
  let port: number;

  beforeAll(async () => {
    t = await startOrdersTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answers 413 to a body over the limit and then closes, instead of leaving the next request unanswered', async () => {
    const tooLarge = JSON.stringify({ orderId: 'o-1', pad: 'x'.repeat(1024 * 1024) });
    const [refused, next] = await exchangeOnOneConnection(port, [
      {
        method: 'POST',
        path: PAYMENT_CALLBACK_PATH,
        headers: { 'content-type': 'application/json' },
        body: tooLarge,
      },
      { method: 'GET', path: '/health/live' },
    ]);
    expect(refused).toMatchObject({
      status: 413,
      headers: { 'content-type': expect.stringMatching(/^application\/problem\+json/) },
    });
    expect(next === 'closed' || (typeof next === 'object' && next.status === 200)).toBe(true);
  });
});
