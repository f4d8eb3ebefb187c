import { ProblemException, problemType } from '@harvest/platform/http';
import { VendorRejectedError } from './vendor-errors';

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
