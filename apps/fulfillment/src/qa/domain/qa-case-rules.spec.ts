import { assertUndecided, caseStatus, discardQuantities } from './qa-case-rules';

describe('QA case rules', () => {
  it('decides a lot once', () => {
    expect(() => assertUndecided('lot-1', null)).not.toThrow();
    expect(() => assertUndecided('lot-1', 'release')).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        type: 'lot-already-decided',
        extensions: { decision: 'release' },
      }),
    );
  });

  it('closes a case when every lot is decided, or when it held none', () => {
    expect(caseStatus(['release', null])).toBe('open');
    expect(caseStatus(['release', 'discard'])).toBe('closed');
    expect(caseStatus([])).toBe('closed');
  });

  it('discards what is not allocated to a pick under way', () => {
    expect(
      discardQuantities([
        { locationId: 'a', onHand: 10, allocated: 2 },
        { locationId: 'b', onHand: 3, allocated: 3 },
        { locationId: 'c', onHand: 0, allocated: 0 },
      ]),
    ).toEqual([{ locationId: 'a', quantity: 8 }]);
  });
});
