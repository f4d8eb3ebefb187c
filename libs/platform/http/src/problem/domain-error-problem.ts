import { ValidationFailedError, type DomainError, type DomainErrorKind } from '@harvest/platform/errors';
import { problemType, statusTitle, type ProblemDetails } from './problem-details';

/** The one place a domain error's kind becomes an HTTP status. */
export const STATUS_BY_DOMAIN_ERROR_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
  'precondition-failed': 412,
  'precondition-required': 428,
  'rate-limited': 429,
};

export interface DomainErrorProblem {
  problem: ProblemDetails;
  headers?: Record<string, string>;
}

/**
 * A domain error as problem+json: status by kind, `urn:harvest:problem:<type>`, its detail, its extensions
 * beside the standard members, and its field as `errors` in the same form a validation failure uses, so a
 * client marks the input the same way. An `unavailable` or `rate-limited` error that knows when to retry sends Retry-After.
 */
export function domainErrorProblem(error: DomainError): DomainErrorProblem {
  const status = STATUS_BY_DOMAIN_ERROR_KIND[error.kind];
  const problem: ProblemDetails = {
    ...error.extensions,
    type: problemType(error.type),
    // A validation failure reads the same whether the DTO or a rule behind it refused the input.
    title: error instanceof ValidationFailedError ? 'Validation failed' : statusTitle(status),
    status,
    detail: error.detail,
    ...(error.field === undefined ? {} : { errors: [{ field: error.field, message: error.detail }] }),
  };
  const headers =
    error.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(error.retryAfterSeconds) };
  return { problem, headers };
}
