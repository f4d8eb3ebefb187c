import { assertSupervisor } from './supervisor';

describe('supervisor rule', () => {
  it('lets admins and agents bound to the center decide; not scanners, nor agents of another center', () => {
    expect(() => assertSupervisor({ roles: ['admin'] }, 'fc-1')).not.toThrow();
    expect(() => assertSupervisor({ roles: ['agent'], fulfillmentCenterId: 'fc-1' }, 'fc-1')).not.toThrow();
    for (const caller of [
      { roles: ['agent'], fulfillmentCenterId: 'fc-2' },
      { roles: ['agent'] },
      { roles: ['scanner'], fulfillmentCenterId: 'fc-1' },
    ])
      expect(() => assertSupervisor(caller, 'fc-1')).toThrow(
        expect.objectContaining({ kind: 'forbidden', type: 'not-center-supervisor' }),
      );
  });
});
