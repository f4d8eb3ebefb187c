import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import { context, trace } from '@opentelemetry/api';
import { currentLogCorrelation, requestContext, type Logger } from '@harvest/platform/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';
import { problemFromError } from './problem-from-error';

/**
 * Every error response is application/problem+json, including Fastify's own (bad JSON, body too large,
 * unsupported media type) which Nest routes here through the adapter's error handler.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  /** Hybrid apps inherit global filters into the events microservice; there, errors keep Nest's own handling. */
  private readonly rpcFilter = new BaseRpcExceptionFilter();

  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return this.rpcFilter.catch(exception, host);
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // Nest may call this from Fastify's error handler; re-enter the request's context so the log line and
    // the problem carry its trace id whatever path the error took.
    const ctx = requestContext(request) ?? context.active();
    context.with(ctx, () => this.answer(exception, request, reply));
  }

  private answer(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const { problem, unexpected, headers } = problemFromError(exception);
    const correlation = currentLogCorrelation();
    if (unexpected) {
      trace.getActiveSpan()?.recordException(exception instanceof Error ? exception : String(exception));
      this.logger.error(
        { err: exception, path: request.url.split('?')[0] },
        'unexpected error while handling request',
      );
    }
    if (reply.sent) return;
    const body: ProblemDetails = {
      ...problem,
      instance: request.url.split('?')[0],
      requestId: request.id,
      ...(correlation.trace_id ? { traceId: correlation.trace_id } : {}),
    };
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}
