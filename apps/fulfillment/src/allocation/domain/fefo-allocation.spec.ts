import { allocateFefo, daysBetween, ineligibility, type CandidateStock } from './fefo-allocation';

const lot = (
  lotId: string,
  expiryDate: string,
  available: number,
  extra: Partial<CandidateStock> = {},
): CandidateStock => ({
  lotId,
  locationId: `bin-${lotId}`,
  expiryDate,
  receiptDate: '2026-11-01',
  qaHold: false,
  available,
  ...extra,
});

const request = {
  quantity: 5,
  today: '2026-11-23',
  deliveryDate: '2026-11-24',
  minShelfLifeDaysAtDelivery: 2,
};

describe('FEFO allocation', () => {
  it('counts whole days between local dates', () => {
    expect(daysBetween('2026-11-24', '2026-11-26')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-11-24', '2026-11-23')).toBe(-1);
  });

  it('takes the earliest-expiring eligible lot', () => {
    const result = allocateFefo(
      [lot('late', '2026-12-10', 10), lot('early', '2026-11-28', 10), lot('middle', '2026-12-01', 10)],
      request,
    );
    expect(result).toEqual({
      picks: [{ lotId: 'early', locationId: 'bin-early', quantity: 5 }],
      shortQuantity: 0,
    });
  });

  it('never takes an expired lot, even when it is the only stock', () => {
    const result = allocateFefo([lot('expired', '2026-11-22', 50)], {
      ...request,
      minShelfLifeDaysAtDelivery: 0,
    });
    expect(result).toEqual({ picks: [], shortQuantity: 5 });
  });

  it('skips a lot that would leave less than the promised shelf life at delivery, and accepts exactly the minimum', () => {
    const tooShort = lot('too-short', '2026-11-25', 10); // 1 day left on 24 Nov
    const exact = lot('exact', '2026-11-26', 10); // 2 days left
    const result = allocateFefo([tooShort, exact], request);
    expect(result.picks.map((p) => p.lotId)).toEqual(['exact']);
    expect(ineligibility(tooShort, request)).toBe('short_shelf_life');
  });

  it('skips lots on QA hold', () => {
    const result = allocateFefo(
      [lot('held', '2026-11-28', 10, { qaHold: true }), lot('ok', '2026-12-05', 10)],
      request,
    );
    expect(result.picks.map((p) => p.lotId)).toEqual(['ok']);
  });

  it('splits across lots in expiry order and reports what is missing', () => {
    const result = allocateFefo(
      [lot('b', '2026-12-02', 2), lot('a', '2026-11-30', 1), lot('c', '2026-12-03', 1)],
      request,
    );
    expect(result.picks).toEqual([
      { lotId: 'a', locationId: 'bin-a', quantity: 1 },
      { lotId: 'b', locationId: 'bin-b', quantity: 2 },
      { lotId: 'c', locationId: 'bin-c', quantity: 1 },
    ]);
    expect(result.shortQuantity).toBe(1);
  });

  it('breaks expiry ties by the older receipt, then by id, and ignores empty bins', () => {
    const result = allocateFefo(
      [
        lot('z', '2026-12-01', 10, { receiptDate: '2026-11-10' }),
        lot('y', '2026-12-01', 10, { receiptDate: '2026-11-05' }),
        lot('x', '2026-11-29', 0),
      ],
      request,
    );
    expect(result.picks.map((p) => p.lotId)).toEqual(['y']);
  });

  it('allocates grams of a weighed SKU the same way', () => {
    const result = allocateFefo([lot('w2', '2026-12-01', 700), lot('w1', '2026-11-30', 400)], {
      ...request,
      quantity: 1000,
    });
    expect(result.picks).toEqual([
      { lotId: 'w1', locationId: 'bin-w1', quantity: 400 },
      { lotId: 'w2', locationId: 'bin-w2', quantity: 600 },
    ]);
  });
});
