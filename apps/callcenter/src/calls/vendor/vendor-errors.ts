import { DomainError } from '@harvest/platform/errors';

export type VendorUnavailableReason = 'not_configured' | 'circuit_open' | 'timeout' | 'failed';

/**
 * The vendor could not be reached in time, answered 5xx, or the circuit is open: the caller gets a 503
 * (`vendor-not-configured`, `vendor-circuit-open`, `vendor-timeout`, `vendor-failed`). An open circuit says in
 * `retryAfterSeconds` (a member of the problem) when the next trial call is let through.
 */
export class VendorUnavailableError extends DomainError {
  constructor(
    readonly reason: VendorUnavailableReason,
    message: string,
    retryAfterSeconds?: number,
  ) {
    super('unavailable', `vendor-${reason.replace('_', '-')}`, message, {
      extensions: retryAfterSeconds ? { retryAfterSeconds } : {},
    });
  }
}

/**
 * The vendor refused the request itself (4xx): the vendor is healthy, the request was wrong. No domain error
 * kind means "bad gateway", so the controllers answer it as a 502 (vendor-problem.ts).
 */
export class VendorRejectedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
