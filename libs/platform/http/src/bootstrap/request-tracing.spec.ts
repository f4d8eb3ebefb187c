import { SpanKind } from '@opentelemetry/api';
import { createTestApp, type TestApp } from '../testing/http-test-app';
import { describeVisibleTracing } from '../testing/request-tracing-cases';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

describe('request tracing and correlated logs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.app.close());
  beforeEach(() => t.spans.reset());

  const handlerLogFor = (requestId: string) =>
    t.logLines.find((l) => l.msg === 'handled the log route' && l.request_id === requestId);

  it('writes Nest logs from inside a handler as JSON carrying the trace and span of the request', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/log' });
    expect(res.statusCode).toBe(200);
    const [, traceId, spanId] = TRACEPARENT.exec(String(res.headers.traceparent)) ?? [];
    expect(traceId).toBeDefined();

    const line = handlerLogFor(String(res.headers['x-request-id']));
    expect(line).toMatchObject({
      level: 'info',
      context: 'TestController',
      trace_id: traceId,
      span_id: spanId,
    });

    const [span] = t.spans.getFinishedSpans();
    expect(span?.spanContext().traceId).toBe(traceId);
  });

  it('keeps the request context across body parsing on a real socket', async () => {
    // A regression guard: the handler relies on Fastify carrying onRequest's context through body parsing,
    // which only a socket exercises (light-my-request hands the body over synchronously).
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${await t.app.getUrl()}/log`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'with-body-1' },
      body: JSON.stringify({ some: 'x'.repeat(256 * 1024) }),
    });
    expect(res.status).toBe(201);
    const [, traceId, spanId] = TRACEPARENT.exec(String(res.headers.get('traceparent'))) ?? [];
    expect(handlerLogFor('with-body-1')).toMatchObject({ trace_id: traceId, span_id: spanId });
  });

  it('continues the trace of an incoming traceparent', async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const res = await t.app.inject({
      method: 'GET',
      url: '/log',
      headers: { traceparent: `00-${callerTrace}-${callerSpan}-01`, 'x-request-id': 'continued-1' },
    });
    const [, traceId, spanId] = TRACEPARENT.exec(String(res.headers.traceparent)) ?? [];
    expect(traceId).toBe(callerTrace);
    expect(spanId).not.toBe(callerSpan);
    expect(handlerLogFor('continued-1')).toMatchObject({ trace_id: callerTrace, span_id: spanId });

    const [span] = t.spans.getFinishedSpans();
    expect(span?.parentSpanContext?.spanId).toBe(callerSpan);
  });

  it('records one server span per request with method, route template and status', async () => {
    const token = await t.tokenFor({ subject: 'c-1', roles: ['customer'] });
    await t.app.inject({
      method: 'GET',
      url: '/backoffice?x=1',
      headers: { authorization: `Bearer ${token}` },
    });
    const spans = t.spans.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      name: 'GET /backoffice',
      kind: SpanKind.SERVER,
      attributes: expect.objectContaining({
        'http.request.method': 'GET',
        'http.route': '/backoffice',
        'http.response.status_code': 403,
        'url.path': '/backoffice',
      }),
    });
  });

  it('marks the span of a 500 as an error', async () => {
    await t.app.inject({ method: 'GET', url: '/boom' });
    const [span] = t.spans.getFinishedSpans();
    expect(span?.status.code).toBe(2); // SpanStatusCode.ERROR
    expect(span?.events.map((e) => e.name)).toContain('exception');
  });
});

// The same client- and log-visible cases request-tracing-unrecorded.spec.ts runs without recording.
describeVisibleTracing(true);
