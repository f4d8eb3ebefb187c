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

/** A scanner asked to act for a center other than its own (it named that center itself). */
export class OtherCenterError extends DomainError {
  constructor(bound: string, named: string) {
    super('forbidden', 'other-center', `This scanner works for fulfillment center ${bound}, not ${named}`, {
      field: 'fulfillmentCenterId',
      extensions: { field: 'fulfillmentCenterId' },
    });
  }
}

/**
 * The center a scanner acts for: its own. When the request names a center too, it must be that one (403
 * otherwise); a scanner is never silently redirected to its own center.
 */
export function scannerCenter(principal: CenterScope, named: string | undefined): string {
  const bound = boundCenter(principal);
  if (named !== undefined && named !== bound) throw new OtherCenterError(bound, named);
  return bound;
}

/** The center a scanner is bound to; a scanner token without one is refused. */
export function boundCenter(principal: CenterScope): string {
  if (!principal.fulfillmentCenterId) throw new ScannerNotBoundError();
  return principal.fulfillmentCenterId;
}
