import { callcenterProblem } from '../problems';
import { VendorRejectedError, VendorUnavailableError } from './vendor-errors';

/** Maps a vendor failure to the caller's problem: 503 (with Retry-After seconds when the circuit is open) or 502. */
export function vendorProblem(error: unknown): unknown {
  if (error instanceof VendorUnavailableError) {
    return callcenterProblem(503, `vendor-${error.reason.replace('_', '-')}`, error.message, error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {});
  }
  if (error instanceof VendorRejectedError) return callcenterProblem(502, 'vendor-rejected', error.message, { vendorStatus: error.status });
  return error;
}
