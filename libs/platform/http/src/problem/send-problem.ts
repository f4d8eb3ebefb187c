import { context, trace } from '@opentelemetry/api';
import { currentLogCorrelation, requestContext, type Logger } from '@harvest/platform/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';
import { problemFromError } from './problem-from-error';

/**
 * Answers an error as application/problem+json (and logs it when nobody anticipated it). One piece for the
 * global exception filter and for direct routes, so both answer every error the same way.
 */
export function sendProblem(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  // Nest may call this from Fastify's error handler; re-enter the request's context so the log line and
  // the problem carry its trace id whatever path the error took.
  const ctx = requestContext(request) ?? context.active();
  context.with(ctx, () => answer(exception, request, reply, logger));
}

function answer(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, unexpected, headers } = problemFromError(exception);
  const correlation = currentLogCorrelation();
  if (unexpected) {
    trace.getActiveSpan()?.recordException(exception instanceof Error ? exception : String(exception));
    logger.error(
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
  // A refused body may still be on its way: unread bytes would be taken for the next request on a
  // keep-alive connection (or stall it), so a 413 always ends the connection after the answer.
  if (problem.status === 413) reply.header('connection', 'close');
  for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
  reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}
