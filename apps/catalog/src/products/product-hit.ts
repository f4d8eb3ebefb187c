import type { Product } from './entities/product.entity';

/** A product as a line of a listing or a search result. */
export function productHit(p: Product) {
  return {
    id: p.id,
    name: p.name,
    categoryId: p.categoryId,
    farmId: p.farmId,
    organic: p.organic,
    minPriceFen: p.minPriceFen,
    imageId: p.imageIds[0] ?? null,
  };
}
