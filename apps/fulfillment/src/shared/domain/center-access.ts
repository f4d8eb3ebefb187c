import { DomainError, NotFoundError } from '@harvest/platform/errors';

/** What center access needs of a caller (the http library's Principal has this shape). */
export interface CenterScope {
  roles: readonly string[];
  /** Set for staff and scanners bound to one fulfillment center. */
  fulfillmentCenterId?: string;
}

/** A scanner token without the center it works in: it may not do anything center-bound. */
export class ScannerNotBoundError extends DomainError {
  constructor() {
    super(
      'forbidden',
      'scanner-not-bound',
      'This scanner token is not bound to a fulfillment center (claim fulfillmentCenterId)',
    );
  }
}

/**
 * A scanner (or staff) token bound to a center only sees that center: anything of another center is "not
 * found" to it, so a device cannot even probe for other centers' ids. Admin and service tokens see all.
 */
export function assertCenterAccess(principal: CenterScope, fulfillmentCenterId: string, what: string): void {
  if (principal.roles.some((role) => role === 'admin' || role === 'service')) return;
  if (principal.fulfillmentCenterId !== fulfillmentCenterId) throw new NotFoundError(what);
}

/** The center a scanner is bound to; a scanner token without one is refused. */
export function boundCenter(principal: CenterScope): string {
  if (!principal.fulfillmentCenterId) throw new ScannerNotBoundError();
  return principal.fulfillmentCenterId;
}
