// Spec support only: what clients and logs see of a request's trace, run by one spec file per tracing mode
// (recording with a span processor, and non-recording as production runs without an exporter).
import { createTestApp, type TestApp } from './http-test-app';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])$/;
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

export function describeVisibleTracing(recordSpans: boolean): void {
  describe(`what clients and logs see of the trace (spans ${recordSpans ? '' : 'not '}recorded)`, () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({}, { recordSpans });
    });
    afterAll(() => t.app.close());
    beforeEach(() => t.spans.reset());

    const call = async (requestId: string, traceparent?: string) => {
      const headers: Record<string, string> = { 'x-request-id': requestId };
      if (traceparent) headers.traceparent = traceparent;
      const res = await t.app.inject({ method: 'GET', url: '/log', headers });
      const [, traceId, spanId, flags] = TRACEPARENT.exec(String(res.headers.traceparent)) ?? [];
      const lines = t.logLines.filter((l) => l.request_id === requestId);
      return { traceId, spanId, flags, lines };
    };

    const expectLinesCorrelated = (
      lines: Array<Record<string, unknown>>,
      traceId: string | undefined,
      spanId: string | undefined,
    ) => {
      expect(lines.map((l) => l.msg).sort()).toEqual(['handled the log route', 'request completed']);
      for (const line of lines) expect(line).toMatchObject({ trace_id: traceId, span_id: spanId });
    };

    it('answers a new sampled trace and puts its ids on the handler and access lines', async () => {
      const { traceId, spanId, flags, lines } = await call(`root-${recordSpans}`);
      expect(traceId).toBeDefined();
      expect(flags).toBe('01');
      expectLinesCorrelated(lines, traceId, spanId);
      const again = await call(`root-again-${recordSpans}`);
      expect(again.traceId).not.toBe(traceId);
    });

    it.each([
      ['sampled', '01'],
      ['unsampled', '00'],
    ])(
      'continues a %s caller: same trace id and flags, a span id of its own',
      async (_label, callerFlags) => {
        const requestId = `continued-${callerFlags}-${recordSpans}`;
        const { traceId, spanId, flags, lines } = await call(
          requestId,
          `00-${CALLER_TRACE}-${CALLER_SPAN}-${callerFlags}`,
        );
        expect(traceId).toBe(CALLER_TRACE);
        expect(flags).toBe(callerFlags);
        expect(spanId).not.toBe(CALLER_SPAN);
        expectLinesCorrelated(lines, CALLER_TRACE, spanId);
      },
    );

    it('starts a new trace for a malformed traceparent', async () => {
      const { traceId, flags } = await call(`malformed-${recordSpans}`, `00-${CALLER_TRACE}-zz-01`);
      expect(traceId).not.toBe(CALLER_TRACE);
      expect(flags).toBe('01');
    });

    it(recordSpans ? 'records the server span' : 'records no span', async () => {
      const { spanId } = await call(`recorded-${recordSpans}`);
      expect(t.spans.getFinishedSpans().map((s) => s.spanContext().spanId)).toEqual(
        recordSpans ? [spanId] : [],
      );
    });
  });
}
