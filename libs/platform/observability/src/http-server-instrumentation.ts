import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Context,
} from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { withRequestId } from './log-context';
import { httpRequestDuration } from './metrics-registry';
import { TRACER_NAME } from './with-span';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's trace context (see requestContext); a request decoration, so every request has it. */
    harvestTraceContext: Context | null;
  }
}

/** Label for requests that matched no route, so a scan of random URLs cannot explode metric cardinality. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The async context of a request: its server span and request id. Fastify carries the context entered in
 * onRequest through body parsing into the handler (it binds parsers to an AsyncResource), but onResponse runs
 * from the socket's 'finish' event, outside it; code there re-enters it with this.
 */
export function requestContext(request: FastifyRequest): Context | undefined {
  return request.harvestTraceContext ?? undefined;
}

/**
 * One server span per request (continuing an incoming W3C `traceparent`, answering with our own), the request
 * duration histogram, and one access log line per request. Must be added before routes are registered.
 */
export function instrumentHttpServer(server: FastifyInstance, logger: Logger): void {
  const tracer = trace.getTracer(TRACER_NAME);
  // A field declared on every request rather than a WeakMap keyed by it: no ephemeron entry per request for
  // the garbage collector to trace, and requests keep one shape.
  server.decorateRequest('harvestTraceContext', null);

  server.addHook('onRequest', (request, reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(request.method, { kind: SpanKind.SERVER }, parent);
    // Attributes only for a span that records (not when no exporter is configured, see setupTracing).
    if (span.isRecording())
      span.setAttributes({
        [ATTR_HTTP_REQUEST_METHOD]: request.method,
        [ATTR_URL_PATH]: request.url.split('?')[0],
      });
    const ctx = withRequestId(trace.setSpan(parent, span), request.id);
    request.harvestTraceContext = ctx;
    const outgoing: Record<string, string> = {};
    propagation.inject(ctx, outgoing);
    if (outgoing.traceparent) reply.header('traceparent', outgoing.traceparent);
    context.with(ctx, done);
  });

  server.addHook('onResponse', (request, reply, done) => {
    const ctx = request.harvestTraceContext;
    const span = ctx && trace.getSpan(ctx);
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const status = reply.statusCode;
    const seconds = reply.elapsedTime / 1000;
    httpRequestDuration.observe({ method: request.method, route, status_code: String(status) }, seconds);
    if (ctx && span) {
      if (span.isRecording()) {
        span.updateName(`${request.method} ${route}`);
        span.setAttributes({ [ATTR_HTTP_ROUTE]: route, [ATTR_HTTP_RESPONSE_STATUS_CODE]: status });
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      // Checked first because re-entering the context costs on every request even when the level drops the
      // line (production runs at warn).
      if (logger.isLevelEnabled('info'))
        context.with(ctx, () =>
          logger.info(
            { method: request.method, route, status, duration_ms: Math.round(reply.elapsedTime * 10) / 10 },
            'request completed',
          ),
        );
      span.end();
    }
    done();
  });
}
