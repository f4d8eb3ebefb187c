import { createTestApp, type TestApp } from '../testing/http-test-app';

describe('problem+json errors', () => {
  let t: TestApp;
  let customerToken: string;

  beforeAll(async () => {
    t = await createTestApp({ HTTP_BODY_LIMIT_BYTES: '2048' });
    customerToken = await t.tokenFor({ subject: 'customer-1', roles: ['customer'] });
  });
  afterAll(() => t.app.close());

  const postOrder = (payload: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/orders',
      headers: { authorization: `Bearer ${customerToken}`, 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it('accepts a valid body', async () => {
    const res = await postOrder({ lines: [{ sku: 'APL-1', quantity: 2 }] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ accepted: 1, by: 'customer-1' });
  });

  it('rejects an unknown field with a 400 problem naming it', async () => {
    const res = await postOrder({ lines: [{ sku: 'APL-1', quantity: 2 }], discount: 100 });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'urn:harvest:problem:validation-failed',
      title: 'Validation failed',
      status: 400,
      instance: '/orders',
    });
    expect(body.errors).toEqual([{ field: 'discount', message: 'property discount should not exist' }]);
  });

  it('names nested field paths, including array indexes', async () => {
    const res = await postOrder({
      lines: [
        { sku: 'APL-1', quantity: 2 },
        { sku: 'PEAR-2', quantity: 0, colour: 'green' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['lines[1].quantity', 'lines[1].colour']));
    expect(fields).not.toContain('lines[0].quantity');
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await postOrder('{"lines": [');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
  });

  it('answers a body over HTTP_BODY_LIMIT_BYTES with a 413 problem', async () => {
    const res = await postOrder({ lines: [{ sku: 'X'.repeat(4096), quantity: 1 }] });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });

  it('answers an unsupported media type with a 415 problem', async () => {
    const res = await postOrder('<order/>', { 'content-type': 'application/xml' });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 415 });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no-such-route?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, instance: '/no-such-route' });
  });

  it('turns an unexpected error into a bare 500 problem and logs it with the trace id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'urn:harvest:problem:unexpected-error',
      status: 500,
      title: 'Internal Server Error',
    });
    expect(res.body).not.toMatch(/hunter2|ECONNREFUSED|stack|at .*\.ts:\d+/);
    expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);

    const logged = t.logLines.find((l) => l.msg === 'unexpected error while handling request');
    expect(logged).toMatchObject({ level: 'error', trace_id: body.traceId, request_id: body.requestId });
    expect(JSON.stringify(logged)).toContain('hunter2'); // the operator sees the cause; the client does not
  });
});
