import { shortPickRefunds, weightSettlementRefunds } from './settlement';

describe('settlement', () => {
  const piece = {
    skuId: 'p',
    soldBy: 'piece' as const,
    reservedQuantity: 4,
    unitPriceFen: 500,
    lineTotalFen: 2000,
  };
  const weighed = {
    skuId: 'w',
    soldBy: 'weight' as const,
    reservedQuantity: 1000,
    unitPriceFen: 3000,
    lineTotalFen: 6000,
  };

  it('refunds the missing part of a short pick and nothing for full lines', () => {
    expect(
      shortPickRefunds(
        [piece, weighed],
        new Map([
          ['p', 1],
          ['w', 1000],
        ]),
      ),
    ).toEqual([{ skuId: 'p', amountFen: 1500 }]);
    expect(
      shortPickRefunds(
        [piece, weighed],
        new Map([
          ['p', 0],
          ['w', 250],
        ]),
      ),
    ).toEqual([
      { skuId: 'p', amountFen: 2000 },
      { skuId: 'w', amountFen: 4500 },
    ]);
  });

  it('refunds a lighter weighed line the difference and never charges a heavier one', () => {
    const line = { ...weighed, billableGrams: 1000 };
    expect(weightSettlementRefunds([line], new Map([['w', 900]]))).toEqual([{ skuId: 'w', amountFen: 600 }]);
    expect(weightSettlementRefunds([line], new Map([['w', 1100]]))).toEqual([]);
    expect(weightSettlementRefunds([{ ...piece, billableGrams: 4 }], new Map([['p', 1]]))).toEqual([]);
  });

  it('settles a short-picked weighed line from what was picked, not the estimate', () => {
    expect(weightSettlementRefunds([{ ...weighed, billableGrams: 500 }], new Map([['w', 450]]))).toEqual([
      { skuId: 'w', amountFen: 300 },
    ]);
  });
});
