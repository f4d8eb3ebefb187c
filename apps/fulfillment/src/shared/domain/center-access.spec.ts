import { NotFoundError } from '@harvest/platform/errors';
import { assertCenterAccess, boundCenter, ScannerNotBoundError } from './center-access';

describe('center access', () => {
  it('lets admin and service tokens see every center', () => {
    expect(() => assertCenterAccess({ roles: ['admin'] }, 'fc-1', 'Lot l-1')).not.toThrow();
    expect(() => assertCenterAccess({ roles: ['service'] }, 'fc-1', 'Lot l-1')).not.toThrow();
  });

  it("answers a bound token asking for another center's thing with not found, naming the thing", () => {
    expect(() =>
      assertCenterAccess({ roles: ['scanner'], fulfillmentCenterId: 'fc-1' }, 'fc-1', 'Lot l-1'),
    ).not.toThrow();
    expect(() =>
      assertCenterAccess({ roles: ['scanner'], fulfillmentCenterId: 'fc-2' }, 'fc-1', 'Lot l-1'),
    ).toThrow(new NotFoundError('Lot l-1'));
    expect(() => assertCenterAccess({ roles: ['staff'] }, 'fc-1', 'Order o-1')).toThrow(NotFoundError);
  });

  it('gives a scanner its center, and refuses a scanner token bound to none', () => {
    expect(boundCenter({ roles: ['scanner'], fulfillmentCenterId: 'fc-1' })).toBe('fc-1');
    expect(() => boundCenter({ roles: ['scanner'] })).toThrow(ScannerNotBoundError);
    expect(() => boundCenter({ roles: ['scanner'] })).toThrow(
      expect.objectContaining({ kind: 'forbidden', type: 'scanner-not-bound' }),
    );
  });
});
