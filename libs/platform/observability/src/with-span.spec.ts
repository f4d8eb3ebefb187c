import { SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { createLogger } from './logger';
import { jsonLinesSink } from './testing/json-lines-sink';
import { injectTraceContext } from './trace-carrier';
import { setupTracing } from './tracing';
import { withSpan } from './with-span';

const spans = new InMemorySpanExporter();
setupTracing({ serviceName: 'with-span-test', spanProcessors: [new SimpleSpanProcessor(spans)] });

describe('withSpan', () => {
  beforeEach(() => spans.reset());

  it('runs work in a child span of the active one and returns its result', async () => {
    const result = await withSpan('outer', () =>
      withSpan('inner', async (inner) => {
        inner.setAttribute('order.lines', 3);
        return trace.getActiveSpan()?.spanContext().spanId;
      }),
    );
    const [inner, outer] = spans.getFinishedSpans();
    expect(inner?.name).toBe('inner');
    expect(result).toBe(inner?.spanContext().spanId);
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(inner?.spanContext().traceId).toBe(outer?.spanContext().traceId);
    expect(inner?.attributes['order.lines']).toBe(3);
  });

  it('records a failure on the span and rethrows the same error', async () => {
    const failure = new Error('slot taken');
    await expect(withSpan('reserve-slot', async () => Promise.reject(failure))).rejects.toBe(failure);
    const [span] = spans.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'slot taken' });
    expect(span?.events[0]?.name).toBe('exception');
  });

  it('puts the active span into carriers for Kafka headers and outbox rows', async () => {
    const carrier = await withSpan('publish', async () => injectTraceContext());
    const [span] = spans.getFinishedSpans();
    expect(carrier.traceparent).toBe(`00-${span?.spanContext().traceId}-${span?.spanContext().spanId}-01`);
  });

  it('gives log lines written inside the span its trace and span ids, and none outside', async () => {
    const { stream, lines } = jsonLinesSink();
    const logger = createLogger({ serviceName: 'with-span-test', destination: stream });
    await withSpan('work', async () => logger.info('inside'));
    logger.info('outside');
    const [span] = spans.getFinishedSpans();
    expect(lines[0]).toMatchObject({
      msg: 'inside',
      service: 'with-span-test',
      trace_id: span?.spanContext().traceId,
      span_id: span?.spanContext().spanId,
    });
    expect(lines[1]).toMatchObject({ msg: 'outside' });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });
});
