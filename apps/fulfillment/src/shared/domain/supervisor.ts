import { DomainError } from '@harvest/platform/errors';

/** Someone who may not decide for this center (approve a count, release or discard a lot). */
export class NotCenterSupervisorError extends DomainError {
  constructor(fulfillmentCenterId: string) {
    super(
      'forbidden',
      'not-center-supervisor',
      `Only an admin or a supervisor of fulfillment center ${fulfillmentCenterId} may decide this`,
    );
  }
}

/**
 * Supervisors and QA are agents whose token is bound to a center (the same rule as device management,
 * docs/identity.md); admins decide for every center. A scanner never decides: it counts and reports.
 */
export function assertSupervisor(
  caller: { roles: readonly string[]; fulfillmentCenterId?: string },
  fulfillmentCenterId: string,
): void {
  if (caller.roles.includes('admin')) return;
  if (caller.roles.includes('agent') && caller.fulfillmentCenterId === fulfillmentCenterId) return;
  throw new NotCenterSupervisorError(fulfillmentCenterId);
}
