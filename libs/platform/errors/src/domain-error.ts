/**
 * What went wrong, in the caller's terms, without naming a transport. The http library turns each kind into
 * its status (not-found 404, conflict 409, invalid 400, forbidden 403, unprocessable 422, unavailable 503).
 * - `invalid`: the request itself is malformed for this rule (a bad value the DTO could not know about).
 * - `unprocessable`: well-formed, but the current state refuses it (e.g. a product that cannot be sold here).
 * - `conflict`: it collides with the current state or a concurrent change (a full slot).
 * - `precondition-failed`: the caller made its change conditional on what it read (a version) and that is no
 *   longer current (412); `precondition-required`: the change must name what it read and did not (428).
 * - `rate-limited`: the caller tried too often; `retryAfterSeconds` says when it may again (429).
 */
export const DOMAIN_ERROR_KINDS = [
  'not-found',
  'conflict',
  'invalid',
  'forbidden',
  'unprocessable',
  'unavailable',
  'precondition-failed',
  'precondition-required',
  'rate-limited',
] as const;
export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[number];

export interface DomainErrorOptions {
  /** The input the error is about, e.g. `lines[2].skuId`, when one field is to blame. */
  field?: string;
  /** Facts a client may act on, e.g. `{ currentVersion: 7 }`; they appear beside `detail`. Never secrets. */
  extensions?: Record<string, unknown>;
  /** For `unavailable`: when trying again is likely to work. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * The base of every typed domain error. Domain rules and services throw a subclass (or this class) and never
 * an HTTP exception; the app answers it as problem+json through the http library's one mapping. `type` is
 * a stable slug (`slot-full`), the mapping adds the URN prefix.
 */
export class DomainError extends Error {
  readonly field?: string;
  readonly extensions: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: DomainErrorKind,
    readonly type: string,
    readonly detail: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.field = options.field;
    this.extensions = options.extensions ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** One field of a validation failure, as a client marks its input. */
export interface InvalidField {
  /** Path of the offending input, e.g. `lines[0].quantity`. */
  field: string;
  message: string;
}

/**
 * Input that breaks rules the DTO could not check (an unknown reference, a duplicate), every offending field
 * at once: answered exactly as a DTO validation failure (400 `validation-failed`, `errors: [{ field, message }]`).
 */
export class ValidationFailedError extends DomainError {
  constructor(
    readonly errors: InvalidField[],
    options: Omit<DomainErrorOptions, 'field' | 'extensions'> = {},
  ) {
    super(
      'invalid',
      'validation-failed',
      `${errors.length} field${errors.length === 1 ? '' : 's'} did not pass validation.`,
      { ...options, extensions: { errors } },
    );
  }
}

/** The most common refusal: `<what> not found`, type `not-found`. */
export class NotFoundError extends DomainError {
  constructor(what: string, options?: DomainErrorOptions) {
    super('not-found', 'not-found', `${what} not found`, options);
  }
}
