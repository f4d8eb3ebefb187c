import type { Product } from './entities/product.entity';
import type { Sku } from './entities/sku.entity';

/** What shoppers and agents see of an active product: no drafts, no archived SKUs, no versions. */
export function storefrontProductView(
  product: Product,
  skus: readonly Sku[],
  farmName: string | null,
  categoryName: string | null,
) {
  return {
    id: product.id,
    name: product.name,
    pinyin: product.namePinyin,
    description: product.description,
    category: { id: product.categoryId, name: categoryName },
    farm: { id: product.farmId, name: farmName },
    organic: product.organic,
    organicCertificateNo: product.organicCertificateNo,
    imageIds: product.imageIds,
    minPriceFen: product.minPriceFen,
    skus: skus
      .filter((sku) => sku.status === 'active')
      .map(({ id, name, soldBy, priceFen, temperatureClass, shelfLifeDays }) => ({
        id,
        name,
        soldBy,
        priceFen,
        temperatureClass,
        shelfLifeDays,
      })),
  };
}
export type StorefrontProductView = ReturnType<typeof storefrontProductView>;
