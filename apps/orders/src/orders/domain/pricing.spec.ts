import { priceLines, weightPriceFen, type PricedSku } from './pricing';

const sku = (over: Partial<PricedSku> & { skuId: string }): PricedSku => ({
  name: '有机菠菜 300g',
  status: 'active',
  soldBy: 'piece',
  priceFen: 1290,
  temperatureClass: 'chilled',
  ...over,
});

const skus = new Map<string, PricedSku>([
  ['s-piece', sku({ skuId: 's-piece' })],
  ['s-weight', sku({ skuId: 's-weight', soldBy: 'weight', priceFen: 1999, name: '有机五花肉' })],
  ['s-draft', sku({ skuId: 's-draft', status: 'draft' })],
]);

describe('pricing', () => {
  it('prices pieces by the unit and weighed lines per 500 g, rounded half up to the fen', () => {
    expect(weightPriceFen(1999, 500)).toBe(1999);
    expect(weightPriceFen(1999, 250)).toBe(1000); // 999.5 rounds up
    expect(weightPriceFen(1000, 1)).toBe(2);
    const { lines, problems } = priceLines(
      [
        { skuId: 's-piece', quantity: 3 },
        { skuId: 's-weight', estimatedWeightGrams: 750 },
      ],
      skus,
    );
    expect(problems).toEqual([]);
    expect(lines.map((l) => [l.lineNo, l.reservedQuantity, l.lineTotalFen])).toEqual([
      [1, 3, 3870],
      [2, 750, 2999],
    ]);
  });

  it('names every bad line and prices none', () => {
    const { lines, problems } = priceLines(
      [
        { skuId: 'nope', quantity: 1 },
        { skuId: 's-draft', quantity: 1 },
        { skuId: 's-piece', estimatedWeightGrams: 300 },
        { skuId: 's-weight', quantity: 2 },
        { skuId: 's-weight', estimatedWeightGrams: 2 },
      ],
      skus,
    );
    expect(lines).toEqual([]);
    expect(problems.map((p) => p.field)).toEqual([
      'lines[0].skuId',
      'lines[1].skuId',
      'lines[2].estimatedWeightGrams',
      'lines[3].quantity',
      'lines[4].skuId',
    ]);
    expect(problems[0]!.message).toBe('unknown SKU nope');
    expect(problems[1]!.message).toMatch(/not for sale \(draft\)/);
  });

  it('requires the amount the SKU is sold by', () => {
    const { problems } = priceLines([{ skuId: 's-piece' }, { skuId: 's-weight' }], skus);
    expect(problems.map((p) => p.field)).toEqual(['lines[0].quantity', 'lines[1].estimatedWeightGrams']);
  });

  it('refuses an order whose total would pass the order bound, naming the lines', () => {
    const dear = new Map([['s-dear', sku({ skuId: 's-dear', priceFen: 1_000_000 })]]);
    const { lines, problems } = priceLines([{ skuId: 's-dear', quantity: 101 }], dear);
    expect(lines).toEqual([]);
    expect(problems).toEqual([{ field: 'lines', message: expect.stringMatching(/at most 100000000 fen/) }]);
    expect(priceLines([{ skuId: 's-dear', quantity: 100 }], dear).problems).toEqual([]);
  });
});
