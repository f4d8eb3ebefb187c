import { context, createContextKey, trace, type Context } from '@opentelemetry/api';

/** The request id travels in the same async context as the span, so the logger finds both in one place. */
const REQUEST_ID_KEY = createContextKey('harvest.request_id');

export function withRequestId(ctx: Context, requestId: string): Context {
  return ctx.setValue(REQUEST_ID_KEY, requestId);
}

export interface LogCorrelation {
  trace_id?: string;
  span_id?: string;
  request_id?: string;
}

/** The correlation fields of the active context; empty outside any request or span. */
export function currentLogCorrelation(ctx: Context = context.active()): LogCorrelation {
  const fields: LogCorrelation = {};
  const spanContext = trace.getSpanContext(ctx);
  if (spanContext && trace.isSpanContextValid(spanContext)) {
    fields.trace_id = spanContext.traceId;
    fields.span_id = spanContext.spanId;
  }
  const requestId = ctx.getValue(REQUEST_ID_KEY);
  if (typeof requestId === 'string') fields.request_id = requestId;
  return fields;
}
