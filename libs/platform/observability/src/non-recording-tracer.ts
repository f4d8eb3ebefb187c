import {
  INVALID_SPAN_CONTEXT,
  TraceFlags,
  context as contextApi,
  trace,
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace-node';

/**
 * The tracer used when no span is shipped anywhere (`OTEL_TRACES_EXPORTER=none` and no extra processor).
 * Recording spans nobody exports costs every request a span object, its attributes, timestamps and the SDK's
 * span metrics; this one only mints the span context that clients and logs see. The ids, the trace id kept
 * from a parent and the flags are those the SDK's default sampler (parent-based, always on) would give: a root
 * is sampled (`01`), a child carries its parent's sampled flag and trace state, so `traceparent` answers and
 * log trace ids are the same whether or not spans record.
 */
export class NonRecordingTracer implements Tracer {
  private readonly ids = new RandomIdGenerator();

  startSpan(_name: string, options: SpanOptions = {}, ctx: Context = contextApi.active()): Span {
    if (isTracingSuppressed(ctx)) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const parent = options.root ? undefined : trace.getSpanContext(ctx);
    const spanId = this.ids.generateSpanId();
    if (!parent || !trace.isSpanContextValid(parent))
      return trace.wrapSpanContext({
        traceId: this.ids.generateTraceId(),
        spanId,
        traceFlags: TraceFlags.SAMPLED,
      });
    return trace.wrapSpanContext({
      traceId: parent.traceId,
      spanId,
      traceFlags: parent.traceFlags & TraceFlags.SAMPLED,
      traceState: parent.traceState,
    });
  }

  startActiveSpan<F extends (span: Span) => ReturnType<F>>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => ReturnType<F>>(
    name: string,
    options: SpanOptions,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => ReturnType<F>>(
    name: string,
    options: SpanOptions,
    ctx: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => ReturnType<F>>(
    name: string,
    ...args: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const fn = args[args.length - 1] as F;
    const options = args.length > 1 ? (args[0] as SpanOptions) : {};
    const parentCtx = args.length === 3 ? args[1] : contextApi.active();
    const span = this.startSpan(name, options, parentCtx);
    return contextApi.with(trace.setSpan(parentCtx, span), fn, undefined, span);
  }
}

/** One tracer serves every name and version: nothing it makes carries its instrumentation scope. */
export class NonRecordingTracerProvider implements TracerProvider {
  private readonly tracer = new NonRecordingTracer();

  getTracer(): Tracer {
    return this.tracer;
  }
}
