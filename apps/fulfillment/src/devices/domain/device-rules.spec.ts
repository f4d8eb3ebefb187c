import {
  assertMayManageDevices,
  DeviceDisabledError,
  EnrollmentInProgressError,
  ENROLLMENT_TAKEOVER_MS,
  NotThisCentersSupervisorError,
  retryOf,
} from './device-rules';

describe('assertMayManageDevices', () => {
  it('lets an admin manage any center, with or without a center of their own', () => {
    expect(() => assertMayManageDevices({ role: 'admin' }, 'fc-1')).not.toThrow();
    expect(() =>
      assertMayManageDevices({ roles: ['admin'], fulfillmentCenterId: 'fc-2' }, 'fc-1'),
    ).not.toThrow();
  });

  it('lets a supervisor manage only the center their token is bound to', () => {
    expect(() =>
      assertMayManageDevices({ role: 'agent', fulfillmentCenterId: 'fc-1' }, 'fc-1'),
    ).not.toThrow();
    expect(() =>
      assertMayManageDevices({ roles: ['agent'], fulfillmentCenterId: 'fc-1' }, 'fc-1'),
    ).not.toThrow();
    expect(() => assertMayManageDevices({ role: 'agent', fulfillmentCenterId: 'fc-2' }, 'fc-1')).toThrow(
      NotThisCentersSupervisorError,
    );
    expect(() => assertMayManageDevices({ role: 'agent' }, 'fc-1')).toThrow(NotThisCentersSupervisorError);
  });

  it('refuses scanners, customers and services, even bound to the center', () => {
    for (const role of ['scanner', 'customer', 'service'])
      expect(() => assertMayManageDevices({ role, fulfillmentCenterId: 'fc-1' }, 'fc-1')).toThrow(
        NotThisCentersSupervisorError,
      );
  });
});

describe('retryOf', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('renews the secret of a device whose client exists', () => {
    expect(retryOf({ id: 'd', status: 'enabled', clientId: 'scanner-d', updatedAt: ago(0) }, now)).toBe(
      'renew',
    );
  });

  it('refuses a device disabled since', () => {
    expect(() =>
      retryOf({ id: 'd', status: 'disabled', clientId: 'scanner-d', updatedAt: ago(0) }, now),
    ).toThrow(DeviceDisabledError);
  });

  it('waits for an attempt still talking to the issuer, and takes over one that went quiet', () => {
    const enrolling = { id: 'd', status: 'enrolling' as const, clientId: null };
    expect(() => retryOf({ ...enrolling, updatedAt: ago(1000) }, now)).toThrow(EnrollmentInProgressError);
    expect(retryOf({ ...enrolling, updatedAt: ago(ENROLLMENT_TAKEOVER_MS) }, now)).toBe('register');
  });
});
