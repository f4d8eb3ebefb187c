import { adjustedOnHand, adjustmentDelta, assertMove, assertReasonAllowed } from './adjustment-rules';

describe('adjustment rules', () => {
  it('takes spoilage, damage and QA discards out and puts found stock in', () => {
    expect(adjustmentDelta('spoilage', 3)).toBe(-3);
    expect(adjustmentDelta('damage', 1)).toBe(-1);
    expect(adjustmentDelta('qa-discard', 7)).toBe(-7);
    expect(adjustmentDelta('found', 2)).toBe(2);
  });

  it('keeps a QA discard for supervisors', () => {
    expect(() => assertReasonAllowed('spoilage', true)).not.toThrow();
    expect(() => assertReasonAllowed('qa-discard', false)).not.toThrow();
    expect(() => assertReasonAllowed('qa-discard', true)).toThrow(
      expect.objectContaining({ kind: 'forbidden', field: 'reason' }),
    );
  });

  it('never takes a bin below what is allocated to pick tasks', () => {
    expect(adjustedOnHand({ onHand: 10, allocated: 4 }, -6, 'x')).toBe(4);
    expect(() => adjustedOnHand({ onHand: 10, allocated: 4 }, -7, 'x')).toThrow(
      expect.objectContaining({ kind: 'conflict', type: 'below-allocated', field: 'quantity' }),
    );
    expect(() => adjustedOnHand({ onHand: 0, allocated: 0 }, -1, 'x')).toThrow(
      expect.objectContaining({ type: 'not-enough-in-bin', extensions: { field: 'quantity', onHand: 0 } }),
    );
  });

  it('moves only into a room the SKU tolerates, out of a different bin, and only unallocated units', () => {
    const greens = { skuId: 's', name: 'Spinach', temperatureClass: 'chilled' as const };
    const from = { locationId: 'CHL-01', onHand: 10, allocated: 2 };
    const chiller = { id: 'r1', name: 'Chiller 2', temperatureClass: 'chilled' as const };
    const freezer = { id: 'r2', name: 'Freezer', temperatureClass: 'frozen' as const };
    expect(() => assertMove(greens, from, { locationId: 'CHL-09', room: chiller }, 8)).not.toThrow();
    expect(() => assertMove(greens, from, { locationId: 'FRZ-01', room: freezer }, 1)).toThrow(
      expect.objectContaining({
        type: 'wrong-temperature-zone',
        extensions: expect.objectContaining({ roomTemperatureClass: 'frozen' }),
      }),
    );
    expect(() => assertMove(greens, from, { locationId: 'CHL-01', room: chiller }, 1)).toThrow(
      expect.objectContaining({ type: 'same-location', field: 'toLocationBarcode' }),
    );
    expect(() => assertMove(greens, from, { locationId: 'CHL-09', room: chiller }, 9)).toThrow(
      expect.objectContaining({ type: 'below-allocated' }),
    );
    const potatoes = { skuId: 'p', name: 'Potatoes', temperatureClass: 'ambient' as const };
    const cool = { id: 'r3', name: 'Cool', temperatureClass: 'cool' as const };
    expect(() => assertMove(potatoes, from, { locationId: 'COL-01', room: cool }, 1)).not.toThrow();
  });
});
