import { CircuitBreaker } from './vendor/circuit-breaker';
import { VendorUnavailableError } from './vendor/vendor-errors';
import { VendorHttpClient } from './vendor/vendor-http-client';
import {
  addContact,
  type CallcenterTestApp,
  FakeSkylineVendor,
  startCallcenterTestApp,
} from '@harvest/callcenter/testing';

const TIMEOUT_MS = 300;
const OPEN_MS = 1500;

describe('click-to-call against a fake Skyline (timeout, retries, circuit breaker)', () => {
  let t: CallcenterTestApp;
  const vendor = new FakeSkylineVendor();
  let n = 0;
  const click = async (customerId = 'cust-ctc-1', key = `ctc-key-${++n}`) => {
    const started = Date.now();
    const response = await t.app.inject({
      method: 'POST',
      url: '/click-to-call',
      headers: { authorization: `Bearer ${await t.token('agent', 'agent-7')}`, 'idempotency-key': key },
      payload: { customerId },
    });
    return { status: response.statusCode, body: response.json(), ms: Date.now() - started };
  };
  const vendorCalls = () => vendor.apiRequests('/v1/calls').filter((r) => r.method === 'POST');

  beforeAll(async () => {
    await vendor.start();
    t = await startCallcenterTestApp({
      CALLCENTER_VENDOR_BASE_URL: vendor.baseUrl,
      CALLCENTER_VENDOR_API_KEY: vendor.apiKey,
      CALLCENTER_VENDOR_TIMEOUT_MS: String(TIMEOUT_MS),
      CALLCENTER_VENDOR_RETRIES: '1',
      CALLCENTER_VENDOR_RETRY_BACKOFF_MS: '20',
      CALLCENTER_BREAKER_FAILURE_THRESHOLD: '3',
      CALLCENTER_BREAKER_OPEN_MS: String(OPEN_MS),
    });
    await addContact(t, 'cust-ctc-1', '李华', '+8613800138002');
  });

  afterAll(async () => {
    await t?.close();
    await vendor.stop();
  });

  beforeEach(() => {
    vendor.mode = { kind: 'healthy' };
    vendor.failNext = 0;
  });

  it("asks the vendor to call the customer's number from the directory and records the call; a repeated click is the same call", async () => {
    const before = vendorCalls().length;
    const first = await click('cust-ctc-1', 'same-click');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      direction: 'outbound',
      status: 'ringing',
      customerId: 'cust-ctc-1',
      agentId: 'agent-7',
      source: 'click_to_call',
      customerNumber: '+8613800138002',
    });
    const sent = vendorCalls().at(-1)!;
    expect(sent.body).toMatchObject({
      agent_id: 'agent-7',
      callee: '+8613800138002',
      request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(sent.authorization).toBe(`Bearer ${vendor.apiKey}`);
    const again = await click('cust-ctc-1', 'same-click');
    expect(again.body.callId).toBe(first.body.callId);
    expect(vendorCalls().length).toBe(before + 1);
    expect(
      await t.count('SELECT COUNT(*) AS n FROM call_record WHERE call_id = ?', [first.body.callId]),
    ).toBe(1);
  });

  it('retries a transient vendor failure with the same request id, so the customer is rung once', async () => {
    vendor.failNext = 1;
    const before = vendorCalls().length;
    const response = await click();
    expect(response.status).toBe(201);
    const attempts = vendorCalls().slice(before);
    expect(attempts).toHaveLength(2);
    expect((attempts[0]!.body as { request_id: string }).request_id).toBe(
      (attempts[1]!.body as { request_id: string }).request_id,
    );
  });

  it('does not retry a request that is not idempotent', async () => {
    const client = new VendorHttpClient({
      baseUrl: vendor.baseUrl,
      apiKey: vendor.apiKey,
      timeoutMs: TIMEOUT_MS,
      retries: 3,
      retryBackoffMs: 0,
      breaker: new CircuitBreaker({ failureThreshold: 10, openMs: 1000 }),
    });
    vendor.failNext = 1;
    const before = vendor.requests.length;
    await expect(
      client.request({
        method: 'POST',
        path: '/v1/calls',
        body: { agent_id: 'a', callee: '+8613800138002' },
        idempotent: false,
      }),
    ).rejects.toBeInstanceOf(VendorUnavailableError);
    expect(vendor.requests.length).toBe(before + 1);
  });

  it('a vendor that is down (connection refused) is a clear unavailability, not a crash', async () => {
    const down = new FakeSkylineVendor();
    await down.start();
    const url = down.baseUrl;
    await down.stop();
    const client = new VendorHttpClient({
      baseUrl: url,
      timeoutMs: TIMEOUT_MS,
      retries: 1,
      retryBackoffMs: 0,
      breaker: new CircuitBreaker({ failureThreshold: 10, openMs: 1000 }),
    });
    await expect(
      client.request({ method: 'GET', path: '/v1/call-records?start=0&end=1', idempotent: true }),
    ).rejects.toMatchObject({
      reason: 'failed',
      message: 'the call-center vendor could not be reached',
    });
  });

  it('answers a slow vendor with a 503 after the timeout instead of hanging', async () => {
    vendor.mode = { kind: 'slow', delayMs: 3000 };
    const response = await click();
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      type: 'urn:harvest:problem:vendor-timeout',
      detail: `the call-center vendor did not answer within ${TIMEOUT_MS} ms`,
    });
    expect(response.ms).toBeLessThan(2 * TIMEOUT_MS + 500);
  });

  it('opens the circuit after repeated failures (fast 503, vendor not called), and closes it once the vendor recovers', async () => {
    vendor.mode = { kind: 'failing', status: 500 };
    let last = await click();
    for (let i = 0; i < 5 && last.body.type !== 'urn:harvest:problem:vendor-circuit-open'; i++)
      last = await click();
    expect(last.status).toBe(503);
    expect(last.body).toMatchObject({
      type: 'urn:harvest:problem:vendor-circuit-open',
      retryAfterSeconds: expect.any(Number),
    });

    const seen = vendor.requests.length;
    const whileOpen = await click();
    expect(whileOpen.status).toBe(503);
    expect(whileOpen.body.type).toBe('urn:harvest:problem:vendor-circuit-open');
    expect(whileOpen.ms).toBeLessThan(100);
    expect(vendor.requests.length).toBe(seen);
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200); // the vendor is not critical: still ready, degraded
    expect(ready.json()).toMatchObject({
      degraded: true,
      degradedDependencies: ['call-center-vendor'],
      dependencies: { 'call-center-vendor': { status: 'down', circuit: 'open' } },
    });

    vendor.mode = { kind: 'healthy' };
    await new Promise((resolve) => setTimeout(resolve, OPEN_MS + 100));
    expect((await click()).status).toBe(201); // the half-open trial succeeds and closes the circuit
    expect((await click()).status).toBe(201);
    expect(
      (await t.app.inject({ method: 'GET', url: '/health/ready' })).json().dependencies['call-center-vendor'],
    ).toMatchObject({ status: 'up', circuit: 'closed' });
  });

  it('refuses an unknown customer with 404 and a missing Idempotency-Key with 400, without calling the vendor', async () => {
    const before = vendor.requests.length;
    expect((await click('nobody')).status).toBe(404);
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/click-to-call',
      headers: { authorization: `Bearer ${await t.token('agent', 'agent-7')}` },
      payload: { customerId: 'cust-ctc-1' },
    });
    expect(noKey.statusCode).toBe(400);
    const admin = await t.app.inject({
      method: 'POST',
      url: '/click-to-call',
      headers: { authorization: `Bearer ${await t.token('admin', 'ops-1')}`, 'idempotency-key': 'k' },
      payload: { customerId: 'cust-ctc-1' },
    });
    expect(admin.statusCode).toBe(403);
    expect(vendor.requests.length).toBe(before);
  });
});
