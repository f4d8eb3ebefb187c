import { effectiveSkuStatus } from './product-events';
import type { Product } from './entities/product.entity';
import type { Sku } from './entities/sku.entity';

/** What admins see: everything, including the version that is also the ETag. */
export function adminProductView(product: Product, skus: readonly Sku[]) {
  return {
    id: product.id,
    name: product.name,
    pinyin: product.namePinyin,
    initials: product.nameInitials,
    description: product.description,
    categoryId: product.categoryId,
    farmId: product.farmId,
    organic: product.organic,
    organicCertificateNo: product.organicCertificateNo,
    status: product.status,
    imageIds: product.imageIds,
    minPriceFen: product.minPriceFen,
    version: product.version,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    skus: skus.map((sku) => ({
      id: sku.id,
      name: sku.name,
      soldBy: sku.soldBy,
      priceFen: sku.priceFen,
      temperatureClass: sku.temperatureClass,
      shelfLifeDays: sku.shelfLifeDays,
      status: effectiveSkuStatus(product, sku),
      version: sku.version,
    })),
  };
}
export type AdminProductView = ReturnType<typeof adminProductView>;
