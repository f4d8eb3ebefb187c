import { trace } from '@opentelemetry/api';
import { createLogger } from './logger';
import { jsonLinesSink } from './testing/json-lines-sink';
import { injectTraceContext, runWithTraceContext } from './trace-carrier';
import { setupTracing } from './tracing';
import { withSpan } from './with-span';

// As production runs without an exporter: no processor, so spans do not record (with-span.spec.ts records).
setupTracing({ serviceName: 'with-span-unrecorded-test' });

describe('withSpan when spans do not record', () => {
  it('runs work in a child span of the active one: same trace, its own span id, the result returned', async () => {
    const ids = await withSpan('outer', async (outer) => {
      const inner = await withSpan('inner', async (span) => {
        expect(trace.getActiveSpan()).toBe(span);
        return span.spanContext();
      });
      return { outer: outer.spanContext(), inner, recording: outer.isRecording() };
    });
    expect(ids.recording).toBe(false);
    expect(ids.inner.traceId).toBe(ids.outer.traceId);
    expect(ids.inner.spanId).not.toBe(ids.outer.spanId);
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('rethrows the same error', async () => {
    const failure = new Error('slot taken');
    await expect(withSpan('reserve-slot', async () => Promise.reject(failure))).rejects.toBe(failure);
  });

  it('puts the span into carriers, sampled, and continues a carried trace', async () => {
    const { carrier, spanContext } = await withSpan('publish', async (span) => ({
      carrier: injectTraceContext(),
      spanContext: span.spanContext(),
    }));
    expect(carrier.traceparent).toBe(`00-${spanContext.traceId}-${spanContext.spanId}-01`);
    const consumed = await runWithTraceContext(carrier, () =>
      withSpan('consume', async (span) => span.spanContext()),
    );
    expect(consumed.traceId).toBe(spanContext.traceId);
    expect(consumed.spanId).not.toBe(spanContext.spanId);
  });

  it('gives log lines written inside the span its trace and span ids, and none outside', async () => {
    const { stream, lines } = jsonLinesSink();
    const logger = createLogger({ serviceName: 'with-span-unrecorded-test', destination: stream });
    const spanContext = await withSpan('work', async (span) => {
      logger.info('inside');
      return span.spanContext();
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({
      msg: 'inside',
      trace_id: spanContext.traceId,
      span_id: spanContext.spanId,
    });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });
});
