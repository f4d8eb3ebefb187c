import { ProblemException, problemType, type ProblemTypesByStatus } from '@harvest/platform/http';
import { VendorRejectedError } from './vendor-errors';

/** What a route that calls the vendor can answer: its refusal (502), or it unreachable (503, vendor-errors.ts). */
export const VENDOR_CALL: ProblemTypesByStatus = {
  502: ['vendor-rejected'],
  503: ['vendor-not-configured', 'vendor-circuit-open', 'vendor-timeout', 'vendor-failed'],
};

/**
 * For the controllers calling the vendor: its refusal of our request becomes a 502 problem (no domain error
 * kind says "bad gateway"); everything else, VendorUnavailableError (a 503 domain error) included, goes on as
 * it is.
 */
export function vendorRejectionAsProblem(error: unknown): never {
  if (error instanceof VendorRejectedError)
    throw new ProblemException(502, {
      type: problemType('vendor-rejected'),
      detail: error.message,
      vendorStatus: error.status,
    });
  throw error;
}
