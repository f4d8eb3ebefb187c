import { context, propagation, type Context } from '@opentelemetry/api';

/**
 * Trace context crosses process boundaries as W3C `traceparent`/`tracestate` headers: on HTTP requests,
 * on Kafka messages and on outbox rows (so the relay's publish joins the trace of the request that wrote it).
 */
export type TraceCarrier = Record<string, string>;

/** Copies the active trace context into a carrier (HTTP headers, Kafka headers, an outbox row). */
export function injectTraceContext(carrier: TraceCarrier = {}): TraceCarrier {
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs fn inside the trace context carried by the headers, so spans it starts join the caller's trace. */
export function runWithTraceContext<T>(carrier: Record<string, unknown>, fn: () => T): T {
  const normalized: TraceCarrier = {};
  for (const [key, value] of Object.entries(carrier)) {
    if (typeof value === 'string') normalized[key.toLowerCase()] = value;
    else if (Buffer.isBuffer(value)) normalized[key.toLowerCase()] = value.toString('utf8');
  }
  const extracted: Context = propagation.extract(context.active(), normalized);
  return context.with(extracted, fn);
}
