import type { EntityManager } from 'typeorm';
import type { ProductChangedV1 } from '@harvest/contracts/catalog-product-changed';
import { skuChangedV1, type SkuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import type { OutboxWriter } from '@harvest/platform/events';
import type { Category } from '../categories/entities/category.entity';
import type { Product } from './entities/product.entity';
import type { Sku } from './entities/sku.entity';

/** What a SKU's buyers see: archived if either is archived, draft while the product is a draft. */
export function effectiveSkuStatus(
  product: Pick<Product, 'status'>,
  sku: Pick<Sku, 'status'>,
): SkuChangedV1['status'] {
  if (product.status === 'archived' || sku.status === 'archived') return 'archived';
  return product.status;
}

/** The full sellable state of a SKU (event-carried state for orders and fulfillment). */
export function skuChangedPayload(product: Product, sku: Sku, category: Category): SkuChangedV1 {
  return {
    skuId: sku.id,
    productId: product.id,
    name: `${product.name} ${sku.name}`.trim(),
    categoryId: product.categoryId,
    status: effectiveSkuStatus(product, sku),
    soldBy: sku.soldBy,
    priceFen: sku.priceFen,
    temperatureClass: sku.temperatureClass,
    shelfLifeDays: sku.shelfLifeDays,
    minShelfLifeDaysAtDelivery: category.minShelfLifeDaysAtDelivery,
    version: sku.version,
  };
}

export function productChangedPayload(
  product: Product,
  skus: readonly Sku[],
  changeKind: ProductChangedV1['changeKind'],
): ProductChangedV1 {
  return { productId: product.id, skuIds: skus.map((sku) => sku.id), changeKind, version: product.version };
}

/** Cheapest active SKU, what price filters and price sorting use. */
export function minPriceFen(skus: readonly Pick<Sku, 'status' | 'priceFen'>[]): number | null {
  const prices = skus.filter((sku) => sku.status === 'active').map((sku) => sku.priceFen);
  return prices.length > 0 ? Math.min(...prices) : null;
}

/** One catalog.sku-changed per SKU, in the caller's transaction; the SKUs' versions must already be bumped. */
export async function appendSkuChanges(
  em: EntityManager,
  outbox: OutboxWriter,
  product: Product,
  skus: readonly Sku[],
  category: Category,
): Promise<void> {
  for (const sku of skus) {
    await outbox.append(em, skuChangedV1, {
      key: sku.id,
      payload: skuChangedPayload(product, sku, category),
    });
  }
}
