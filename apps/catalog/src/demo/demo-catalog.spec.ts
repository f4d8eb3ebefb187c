import { DEMO_CATEGORIES, demoProducts } from './demo-catalog';

describe('demo catalog', () => {
  const products = demoProducts();

  it('has at least 200 products over every farm and leaf category, SKUs numbered from demo-sku-0001', () => {
    expect(products.length).toBeGreaterThanOrEqual(200);
    expect(new Set(products.map((p) => p.farmId))).toEqual(
      new Set(['farm-beijing', 'farm-hebei', 'farm-shanghai']),
    );
    expect(products[0]!.skus[0]!.id).toBe('demo-sku-0001');
    expect(products.at(-1)!.skus[0]!.id).toBe(`demo-sku-${String(products.length).padStart(4, '0')}`);
    const categories = new Set(DEMO_CATEGORIES.map((c) => c.id));
    expect(products.every((p) => categories.has(p.categoryId))).toBe(true);
  });

  it('prices are whole fen within sensible bounds, and is the same on every call', () => {
    expect(
      products.every((p) =>
        p.skus.every((s) => Number.isInteger(s.priceFen) && s.priceFen >= 100 && s.priceFen <= 20_000),
      ),
    ).toBe(true);
    expect(demoProducts()).toEqual(products);
    expect(new Set(products.map((p) => p.name)).size).toBe(products.length);
  });
});
