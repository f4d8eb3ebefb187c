import { generatedProduct } from './large-catalog';

describe('large catalog generator', () => {
  it('is deterministic and numbers SKUs under their product', () => {
    expect(generatedProduct(1234, 3)).toEqual(generatedProduct(1234, 3));
    const product = generatedProduct(1234, 3);
    expect(product.skus.map((s) => s.id)).toEqual(['gen-sku-1234-1', 'gen-sku-1234-2', 'gen-sku-1234-3']);
    expect(product.minPriceFen).toBe(Math.min(...product.skus.map((s) => s.priceFen)));
    expect(product.skus.every((s) => Number.isInteger(s.priceFen) && s.priceFen > 0)).toBe(true);
  });

  it('spreads products over farms and gives unique names', () => {
    const products = Array.from({ length: 720 }, (_, i) => generatedProduct(i + 1, 1));
    expect(new Set(products.map((p) => p.farmId)).size).toBe(3);
    expect(new Set(products.map((p) => p.name)).size).toBe(720);
  });
});
