import { retentionCutoffs } from './retention-windows';

describe('retention windows', () => {
  it('counts the pop window in hours and the number window in days, back from now', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(retentionCutoffs(now, { screenPopHours: 7 * 24, callNumberDays: 90 })).toEqual({
      popsBefore: new Date('2026-11-16T12:00:00Z'),
      numbersBefore: new Date('2026-08-25T12:00:00Z'),
    });
    expect(retentionCutoffs(now, { screenPopHours: 1, callNumberDays: 1 })).toEqual({
      popsBefore: new Date('2026-11-23T11:00:00Z'),
      numbersBefore: new Date('2026-11-22T12:00:00Z'),
    });
  });
});
