import fc from 'fast-check';
import type { ZoneDeliveryFee } from '../../delivery-coverage/domain/delivery-fee';
import type { PricedSku } from '../../orders/domain/pricing';
import { quoteBasket, type BasketLineState, type QuoteFacts } from './basket-quote';

const sku = (over: Partial<PricedSku> & { skuId: string }): PricedSku => ({
  name: over.skuId,
  status: 'active',
  soldBy: 'piece',
  priceFen: 1000,
  temperatureClass: 'chilled',
  ...over,
});
const line = (skuId: string, over: Partial<BasketLineState> = {}): BasketLineState => ({
  skuId,
  quantity: 2,
  estimatedWeightGrams: null,
  substitution: 'none',
  priceWhenAddedFen: 1000,
  ...over,
});
const skus = new Map([
  ['milk', sku({ skuId: 'milk' })],
  ['dumplings', sku({ skuId: 'dumplings', temperatureClass: 'frozen', priceFen: 2500 })],
  ['beef', sku({ skuId: 'beef', soldBy: 'weight', priceFen: 4000 })],
  ['old', sku({ skuId: 'old', status: 'archived' })],
]);
const served = (
  available: Record<string, number>,
  fee: ZoneDeliveryFee = { deliveryFeeFen: 600, freeDeliveryFromFen: 5000 },
) => ({
  zoneId: 'sh-xuhui',
  fee,
  center: { id: 'fc-shanghai-1', temperatureClasses: ['chilled', 'cool', 'ambient'] as const },
  available: new Map(Object.entries(available)),
});
const facts = (over: Partial<QuoteFacts> = {}): QuoteFacts => ({
  skus,
  served: served({ milk: 10, beef: 5000 }),
  ...over,
});

describe('quoteBasket', () => {
  it('prices lines today, adds the zone fee below the threshold, and is orderable when nothing blocks', () => {
    const quote = quoteBasket(
      [line('milk'), line('beef', { quantity: null, estimatedWeightGrams: 750, priceWhenAddedFen: 4000 })],
      facts(),
    );
    expect(quote.lines.map((l) => [l.skuId, l.lineTotalFen, l.notices])).toEqual([
      ['milk', 2000, []],
      ['beef', 6000, []],
    ]);
    expect(quote).toMatchObject({
      goodsFen: 8000,
      deliveryFeeFen: 0,
      shortOfFreeDeliveryFen: 0,
      totalFen: 8000,
      orderable: true,
    });
    const small = quoteBasket([line('milk')], facts());
    expect(small).toMatchObject({
      goodsFen: 2000,
      deliveryFeeFen: 600,
      shortOfFreeDeliveryFen: 3000,
      totalFen: 2600,
    });
  });

  it('reports a price change, an out-of-stock line and one the center cannot keep cold as data', () => {
    const quote = quoteBasket(
      [
        line('milk', { priceWhenAddedFen: 900 }),
        line('beef', { quantity: null, estimatedWeightGrams: 500, priceWhenAddedFen: 4000 }),
        line('dumplings', { priceWhenAddedFen: 2500 }),
      ],
      facts({ served: served({ milk: 10, dumplings: 3 }) }),
    );
    const byId = Object.fromEntries(quote.lines.map((l) => [l.skuId, l]));
    expect(byId.milk).toMatchObject({
      priceChanged: true,
      priceWhenAddedFen: 900,
      unitPriceFen: 1000,
      notices: ['price-changed'],
    });
    expect(byId.beef).toMatchObject({ availableQuantity: 0, notices: ['out-of-stock'] });
    expect(byId.dumplings).toMatchObject({
      temperatureServed: false,
      notices: ['temperature-class-not-served'],
    });
    expect(quote.orderable).toBe(false);
  });

  it('says when there is less than asked, and when a SKU is no longer for sale (costing nothing)', () => {
    const quote = quoteBasket([line('milk', { quantity: 12 }), line('old')], facts());
    expect(quote.lines[0]!.notices).toEqual(['not-enough-stock']);
    expect(quote.lines[1]).toMatchObject({ notices: ['not-for-sale'], unitPriceFen: null, lineTotalFen: 0 });
    expect(quote.goodsFen).toBe(12_000);
  });

  it('without an address: prices only, no fee, no stock or cold verdicts, not orderable', () => {
    const quote = quoteBasket([line('milk')], facts({ served: null }));
    expect(quote).toMatchObject({ deliveryFeeFen: null, totalFen: 2000, orderable: false });
    expect(quote.lines[0]).toMatchObject({ availableQuantity: null, temperatureServed: null, notices: [] });
  });

  it('an empty basket is not orderable', () => {
    expect(quoteBasket([], facts()).orderable).toBe(false);
  });

  it('totals are integer fen: the goods plus the fee, the fee either the zone fee or nothing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            q: fc.integer({ min: 1, max: 500 }),
            g: fc.integer({ min: 1, max: 50_000 }),
            w: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        fc.nat(2000),
        fc.option(fc.nat(100_000), { nil: null }),
        (raw, fee, threshold) => {
          const lines = raw.map((r, i) =>
            r.w
              ? line(`beef`, { skuId: `b${i}`, quantity: null, estimatedWeightGrams: r.g })
              : line(`m${i}`, { quantity: r.q }),
          );
          const all = new Map(
            lines.map((l) => [
              l.skuId,
              sku({ skuId: l.skuId, soldBy: l.quantity === null ? 'weight' : 'piece', priceFen: 1999 }),
            ]),
          );
          const quote = quoteBasket(lines, {
            skus: all,
            served: served({}, { deliveryFeeFen: fee, freeDeliveryFromFen: threshold }),
          });
          expect(Number.isInteger(quote.totalFen)).toBe(true);
          expect(quote.goodsFen).toBe(quote.lines.reduce((s, l) => s + l.lineTotalFen, 0));
          expect([0, fee]).toContain(quote.deliveryFeeFen);
          expect(quote.totalFen).toBe(quote.goodsFen + quote.deliveryFeeFen!);
        },
      ),
    );
  });
});
