/** The vendor could not be reached in time, answered 5xx, or the circuit is open: the caller gets a 503. */
export class VendorUnavailableError extends Error {
  constructor(
    readonly reason: 'not_configured' | 'circuit_open' | 'timeout' | 'failed',
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The vendor refused the request itself (4xx): the vendor is healthy, the request was wrong. */
export class VendorRejectedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
