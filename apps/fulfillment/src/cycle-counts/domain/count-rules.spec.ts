import { assertEachLotOnce, assertPending, assessCount, countLines } from './count-rules';

describe('cycle count rules', () => {
  it('applies a count within the threshold and holds one above it for approval', () => {
    expect(assessCount([{ lotId: 'a', expected: 100, counted: 96 }], 5)).toEqual({
      expectedUnits: 100,
      countedUnits: 96,
      varianceUnits: 4,
      needsApproval: false,
    });
    expect(assessCount([{ lotId: 'a', expected: 100, counted: 95 }], 5).needsApproval).toBe(false);
    expect(assessCount([{ lotId: 'a', expected: 100, counted: 94 }], 5).needsApproval).toBe(true);
    expect(assessCount([{ lotId: 'a', expected: 100, counted: 106 }], 5).needsApproval).toBe(true);
  });

  it('counts a label swap as variance, and any stock in a bin that should be empty needs approval', () => {
    const swap = assessCount(
      [
        { lotId: 'a', expected: 10, counted: 0 },
        { lotId: 'b', expected: 0, counted: 10 },
      ],
      50,
    );
    expect(swap).toMatchObject({
      expectedUnits: 10,
      countedUnits: 10,
      varianceUnits: 20,
      needsApproval: true,
    });
    expect(assessCount([{ lotId: 'a', expected: 0, counted: 1 }], 100).needsApproval).toBe(true);
    expect(assessCount([], 5)).toMatchObject({ varianceUnits: 0, needsApproval: false });
  });

  it('counts lots the counter did not scan as zero', () => {
    expect(
      countLines(
        [{ lotId: 'b', counted: 3 }],
        new Map([
          ['a', 5],
          ['b', 4],
          ['c', 0],
        ]),
      ),
    ).toEqual([
      { lotId: 'a', expected: 5, counted: 0 },
      { lotId: 'b', expected: 4, counted: 3 },
    ]);
  });

  it('decides a count once, and takes each lot once', () => {
    expect(() => assertPending('c1', 'pending-approval')).not.toThrow();
    expect(() => assertPending('c1', 'applied')).toThrow(
      expect.objectContaining({ type: 'count-not-pending' }),
    );
    expect(() => assertEachLotOnce(['L1', 'L2', 'L1'])).toThrow(
      expect.objectContaining({ field: 'lines[2].lotBarcode' }),
    );
  });
});
