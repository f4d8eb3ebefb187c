import { HttpException } from '@nestjs/common';
import { asDomainError } from '@harvest/platform/errors';
import { domainErrorProblem } from './domain-error-problem';
import { PROBLEM_TYPES, statusTitle, type ProblemDetails } from './problem-details';
import { ProblemException } from './problem.exception';

export interface MappedProblem {
  problem: ProblemDetails;
  /** True for errors nobody anticipated: they are logged with their stack and answered with a bare 500. */
  unexpected: boolean;
  /** Response headers the problem needs, e.g. Retry-After on a 503. */
  headers?: Record<string, string>;
}

export function problemFromError(error: unknown): MappedProblem {
  if (error instanceof ProblemException) return { problem: error.problem, unexpected: false };
  if (error instanceof HttpException) return { problem: fromHttpException(error), unexpected: false };
  const clientStatus = clientErrorStatus(error);
  if (clientStatus !== undefined) {
    // Errors from the HTTP layer (a body parser) that Nest did not map; their messages are meant for clients
    // only when they are Fastify's own.
    const detail = (error as Error).name === 'FastifyError' ? (error as Error).message : undefined;
    return {
      problem: { type: 'about:blank', title: statusTitle(clientStatus), status: clientStatus, detail },
      unexpected: false,
    };
  }
  // A domain error, or a library's failure it declared as one (the database's lost writer is `unavailable`).
  const domainError = asDomainError(error);
  if (domainError) return { ...domainErrorProblem(domainError), unexpected: false };
  return {
    problem: {
      type: PROBLEM_TYPES.unexpected,
      title: statusTitle(500),
      status: 500,
      detail: 'An unexpected error occurred. Quote the traceId when reporting it.',
    },
    unexpected: true,
  };
}

function fromHttpException(error: HttpException): ProblemDetails {
  const status = error.getStatus();
  const response = error.getResponse();
  let detail: string | undefined;
  if (typeof response === 'string') detail = response;
  else if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response as { message: unknown }).message;
    detail = Array.isArray(message) ? message.map(String).join('; ') : String(message);
  }
  return { type: 'about:blank', title: statusTitle(status), status, detail };
}

/** A 4xx status carried by a non-Nest error, e.g. Fastify's JSON parser sets `statusCode = 400`. */
function clientErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
