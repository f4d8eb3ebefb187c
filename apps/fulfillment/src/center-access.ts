import type { Principal } from '@harvest/platform/http';
import { fulfillmentProblem, notFound } from './problems';

/**
 * A scanner (or staff) token bound to a center only sees that center: anything of another center is "not
 * found" to it, so a device cannot even probe for other centers' ids. Admin and service tokens see all.
 */
export function assertCenterAccess(principal: Principal, fulfillmentCenterId: string, what: string): void {
  if (principal.role === 'admin' || principal.role === 'service') return;
  if (principal.fulfillmentCenterId !== fulfillmentCenterId) throw notFound(what);
}

/** The center a scanner is bound to; a scanner token without one is refused. */
export function boundCenter(principal: Principal): string {
  if (!principal.fulfillmentCenterId) {
    throw fulfillmentProblem(403, 'scanner-not-bound', 'This scanner token is not bound to a fulfillment center (claim fulfillmentCenterId)');
  }
  return principal.fulfillmentCenterId;
}
