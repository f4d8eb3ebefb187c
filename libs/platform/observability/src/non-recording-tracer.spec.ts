import { ROOT_CONTEXT, TraceFlags, context, trace, type Context, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TraceState, suppressTracing } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { NonRecordingTracer } from './non-recording-tracer';

// The recording SDK tracer as setupTracing builds it (default sampler), not registered globally: the
// non-recording tracer must give clients and logs the same ids and flags.
const sdk = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
}).getTracer('spec');
const tracer = new NonRecordingTracer();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const remoteParent = (traceFlags: number, traceState?: TraceState): Context =>
  trace.setSpanContext(ROOT_CONTEXT, {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    traceFlags,
    isRemote: true,
    traceState,
  });

/** What a `traceparent`/`tracestate` answer and a log line are built from. */
const visible = (ctx: SpanContext, parent?: SpanContext) => ({
  traceId: parent ? ctx.traceId : 'new',
  traceFlags: ctx.traceFlags,
  traceState: ctx.traceState?.serialize(),
  newSpanId: ctx.spanId !== parent?.spanId && /^[0-9a-f]{16}$/.test(ctx.spanId),
  validTrace: /^[0-9a-f]{32}$/.test(ctx.traceId),
});

describe('NonRecordingTracer', () => {
  const parents: Array<[string, Context]> = [
    ['no parent', ROOT_CONTEXT],
    ['a sampled parent', remoteParent(TraceFlags.SAMPLED)],
    ['an unsampled parent', remoteParent(TraceFlags.NONE)],
    ['a parent with trace state', remoteParent(TraceFlags.SAMPLED, new TraceState('vendor=abc'))],
  ];

  it.each(parents)('gives a span under %s the ids, flags and trace state the SDK gives', (_label, ctx) => {
    const parent = trace.getSpanContext(ctx);
    const ours = tracer.startSpan('GET', {}, ctx);
    const theirs = sdk.startSpan('GET', {}, ctx);
    expect(visible(ours.spanContext(), parent)).toEqual(visible(theirs.spanContext(), parent));
    if (parent) expect(ours.spanContext().traceId).toBe(parent.traceId);
    expect(ours.isRecording()).toBe(false);
  });

  it('starts a root sampled span with fresh ids each time', () => {
    const a = tracer.startSpan('a', {}, ROOT_CONTEXT).spanContext();
    const b = tracer.startSpan('b', {}, ROOT_CONTEXT).spanContext();
    expect(a.traceFlags).toBe(TraceFlags.SAMPLED);
    expect(a.traceId).not.toBe(b.traceId);
    expect(a.spanId).not.toBe(b.spanId);
  });

  it('ignores the parent for a root span and gives an invalid context when tracing is suppressed', () => {
    const parent = remoteParent(TraceFlags.NONE);
    const root = tracer.startSpan('r', { root: true }, parent).spanContext();
    expect(root.traceId).not.toBe(trace.getSpanContext(parent)?.traceId);
    expect(root.traceFlags).toBe(TraceFlags.SAMPLED);
    expect(trace.isSpanContextValid(tracer.startSpan('s', {}, suppressTracing(parent)).spanContext())).toBe(
      false,
    );
  });

  it('runs startActiveSpan in a context holding the new span, under the given parent', () => {
    const parent = remoteParent(TraceFlags.SAMPLED);
    const [span, active] = tracer.startActiveSpan('op', {}, parent, (s) => [s, trace.getActiveSpan()]);
    expect(active).toBe(span);
    expect(span?.spanContext().traceId).toBe(trace.getSpanContext(parent)?.traceId);
    expect(tracer.startActiveSpan('bare', (s) => s.isRecording())).toBe(false);
  });
});
