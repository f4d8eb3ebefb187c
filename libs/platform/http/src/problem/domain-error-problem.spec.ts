import {
  DomainError,
  NotFoundError,
  ValidationFailedError,
  DOMAIN_ERROR_KINDS,
} from '@harvest/platform/errors';
import { ValidationFailedException } from './validation-failed.exception';
import { domainErrorProblem } from './domain-error-problem';
import { problemFromError } from './problem-from-error';

class StaleVersionError extends DomainError {
  constructor(currentVersion: number) {
    super('conflict', 'stale-version', 'The product changed since you read it', {
      field: 'version',
      extensions: { currentVersion },
    });
  }
}

describe('a domain error as problem+json', () => {
  it.each([
    ['invalid', 400],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['unprocessable', 422],
    ['unavailable', 503],
    ['precondition-failed', 412],
    ['precondition-required', 428],
  ] as const)('kind %s answers %d', (kind, status) => {
    expect(domainErrorProblem(new DomainError(kind, 'some-rule', 'refused')).problem.status).toBe(status);
  });

  it('has a status for every kind', () => {
    for (const kind of DOMAIN_ERROR_KINDS)
      expect(domainErrorProblem(new DomainError(kind, 'x', 'y')).problem.status).toBeGreaterThanOrEqual(400);
  });

  it('prefixes the type, keeps detail and extensions, names the field as a validation failure does', () => {
    expect(domainErrorProblem(new StaleVersionError(7))).toEqual({
      problem: {
        type: 'urn:harvest:problem:stale-version',
        title: 'Conflict',
        status: 409,
        detail: 'The product changed since you read it',
        currentVersion: 7,
        errors: [{ field: 'version', message: 'The product changed since you read it' }],
      },
      headers: undefined,
    });
  });

  it('an extension cannot overwrite the standard members', () => {
    const error = new DomainError('conflict', 'x', 'the detail', {
      extensions: { status: 200, type: 'about:blank' },
    });
    expect(domainErrorProblem(error).problem).toMatchObject({
      status: 409,
      type: 'urn:harvest:problem:x',
      detail: 'the detail',
    });
  });

  it('answers a ValidationFailedError exactly as the HTTP ValidationFailedException with the same fields', () => {
    const fields = [
      { field: 'categoryId', message: 'unknown category c-9' },
      { field: 'skus[1].id', message: 'SKU s-1 is listed twice' },
    ];
    expect(problemFromError(new ValidationFailedError(fields))).toEqual({
      problem: new ValidationFailedException(fields).problem,
      unexpected: false,
      headers: undefined,
    });
    expect(domainErrorProblem(new ValidationFailedError([fields[0]])).problem).toMatchObject({
      title: 'Validation failed',
      detail: '1 field did not pass validation.',
    });
  });

  it('sends Retry-After when an unavailable error knows when to retry', () => {
    const error = new DomainError('unavailable', 'store-down', 'Try again shortly', { retryAfterSeconds: 3 });
    expect(domainErrorProblem(error).headers).toEqual({ 'retry-after': '3' });
  });

  it('is what the error filter answers for a thrown domain error (not a logged 500)', () => {
    const mapped = problemFromError(new NotFoundError('Order o-1'));
    expect(mapped).toMatchObject({
      unexpected: false,
      problem: { status: 404, type: 'urn:harvest:problem:not-found', detail: 'Order o-1 not found' },
    });
  });
});
