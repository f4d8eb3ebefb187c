import { DomainError } from '@harvest/platform/errors';

/**
 * Who is asking, as far as device rules care. Written against both spellings of the verified token's roles
 * (`role` today, `roles` once every issuer's array is read), so the rule holds through that change.
 */
export interface DeviceManager {
  role?: string;
  roles?: readonly string[];
  fulfillmentCenterId?: string;
}

export type DeviceStatus = 'enrolling' | 'enabled' | 'disabled';

function rolesOf(caller: DeviceManager): readonly string[] {
  return caller.roles ?? (caller.role ? [caller.role] : []);
}

/** Someone who may not manage this center's devices. */
export class NotThisCentersSupervisorError extends DomainError {
  constructor(fulfillmentCenterId: string) {
    super(
      'forbidden',
      'not-center-supervisor',
      `Only an admin or a supervisor of fulfillment center ${fulfillmentCenterId} may manage its devices`,
    );
  }
}

/**
 * An admin manages every center's devices; a supervisor (an agent whose token is bound to a center by
 * `fulfillment_center_id`) only their own center's. An agent bound to no center manages none. Unlike a
 * scanner probing for tasks, a supervisor may learn that another center exists, so this is 403, not 404.
 */
export function assertMayManageDevices(caller: DeviceManager, fulfillmentCenterId: string): void {
  const roles = rolesOf(caller);
  if (roles.includes('admin')) return;
  if (roles.includes('agent') && caller.fulfillmentCenterId === fulfillmentCenterId) return;
  throw new NotThisCentersSupervisorError(fulfillmentCenterId);
}

export class IdempotencyKeyRequiredError extends DomainError {
  constructor() {
    super(
      'invalid',
      'idempotency-key-required',
      'the Idempotency-Key header is required (1-191 printable ASCII characters)',
      { extensions: { field: 'Idempotency-Key' } },
    );
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('unprocessable', 'idempotency-key-reused', 'this Idempotency-Key was used for another enrollment', {
      extensions: { field: 'Idempotency-Key' },
    });
  }
}

/** A retried enrollment of a device that has been disabled since: it gets no new secret. */
export class DeviceDisabledError extends DomainError {
  constructor(deviceId: string) {
    super('conflict', 'device-disabled', `Device ${deviceId} has been disabled; enroll a new one`);
  }
}

/** Another attempt with this key is talking to the issuer right now. */
export class EnrollmentInProgressError extends DomainError {
  constructor() {
    super('conflict', 'enrollment-in-progress', 'This enrollment is still in progress; retry shortly', {
      extensions: { field: 'Idempotency-Key' },
    });
  }
}

/** How long an enrollment may talk to the issuer before a retry with its key takes it over, in ms. */
export const ENROLLMENT_TAKEOVER_MS = 30_000;

/**
 * What a retried enrollment (same caller, same Idempotency-Key, same request) does with the device the first
 * attempt recorded: `register` when no client was made yet (the first attempt died, or took too long),
 * `renew` the secret when the client exists (the first answer, with the only copy of the secret, was lost),
 * or refuse.
 */
export function retryOf(
  device: { id: string; status: DeviceStatus; clientId: string | null; updatedAt: Date },
  now: Date,
): 'register' | 'renew' {
  if (device.status === 'disabled') throw new DeviceDisabledError(device.id);
  if (device.clientId) return 'renew';
  if (now.getTime() - device.updatedAt.getTime() < ENROLLMENT_TAKEOVER_MS)
    throw new EnrollmentInProgressError();
  return 'register';
}
