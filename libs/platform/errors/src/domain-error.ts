/**
 * What went wrong, in the caller's terms, without naming a transport. The http library turns each kind into
 * its status (not-found 404, conflict 409, invalid 400, forbidden 403, unprocessable 422, unavailable 503).
 * - `invalid`: the request itself is malformed for this rule (a bad value the DTO could not know about).
 * - `unprocessable`: well-formed, but the current state refuses it (e.g. a product that cannot be sold here).
 * - `conflict`: it collides with the current state or a concurrent change (a stale version, a full slot).
 */
export const DOMAIN_ERROR_KINDS = [
  'not-found',
  'conflict',
  'invalid',
  'forbidden',
  'unprocessable',
  'unavailable',
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

/** The most common refusal: `<what> not found`, type `not-found`. */
export class NotFoundError extends DomainError {
  constructor(what: string, options?: DomainErrorOptions) {
    super('not-found', 'not-found', `${what} not found`, options);
  }
}
