import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CACHE_STORE, type CacheStore } from '@harvest/platform/cache';
import { Database } from '@harvest/platform/database';
import { SkuAvailability } from '../availability/entities/sku-availability.entity';
import { CATALOG_CONFIG, type CatalogConfig } from '../config/catalog.config';
import { CategoriesService } from '../categories/categories.service';
import { Category } from '../categories/entities/category.entity';
import { Farm } from '../farms/entities/farm.entity';
import { Product } from './entities/product.entity';
import { Sku } from './entities/sku.entity';
import { productHit } from './product-hit';
import { productPage } from './product-page';
import { productDetailKey } from './product-detail-key';
import { ProductNotFoundError } from './domain/product-errors';
import { storefrontProductView, type StorefrontProductView } from './storefront-product.view';

const DEFAULT_PAGE = 20;

@Injectable()
export class StorefrontProductsService {
  constructor(
    private readonly db: Database,
    @Inject(CACHE_STORE) private readonly cache: CacheStore,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
    private readonly categories: CategoriesService,
  ) {}

  /**
   * The detail as the JSON text the cache holds, for the storefront route to send as it is: a hit costs
   * no parse and no serialisation (the hottest read of the storefront). Cache-aside: a miss loads from the
   * writer (a replica could hand back the state the invalidation just removed) and concurrent misses share
   * one load. "Not found or not active" is cached too, as null.
   */
  detailJson(productId: string): Promise<string> {
    // then() rather than async/await: one promise fewer on the storefront's hottest path.
    return this.cache
      .getOrLoadJson(productDetailKey(productId), this.config.CATALOG_PRODUCT_CACHE_TTL_SECONDS, () =>
        this.loadDetail(productId),
      )
      .then((json) => {
        if (json === undefined || json === 'null') throw new ProductNotFoundError(productId);
        return json;
      });
  }

  /** Active products of a category and its subcategories, newest first, by cursor. */
  async listByCategory(categoryId: string, cursor: string | undefined, limit = DEFAULT_PAGE) {
    const categoryIds = await this.categories.subtreeIds(categoryId);
    const { products, nextCursor } = await this.db.read((em) =>
      productPage(em, { categoryIds, status: 'active' }, cursor, limit),
    );
    return { items: products.map(productHit), nextCursor };
  }

  /** Stock changes too often to cache with the detail; this is a small indexed read. */
  async availability(productId: string, fulfillmentCenterId?: string) {
    return this.db.read(async (em) => {
      const skus = await em.find(Sku, { where: { productId, status: 'active' }, select: { id: true } });
      if (skus.length === 0) return { productId, items: [] };
      const rows = await em.find(SkuAvailability, {
        where: { skuId: In(skus.map((s) => s.id)), ...(fulfillmentCenterId ? { fulfillmentCenterId } : {}) },
        order: { skuId: 'ASC', fulfillmentCenterId: 'ASC' },
      });
      return {
        productId,
        items: rows.map((row) => ({
          skuId: row.skuId,
          fulfillmentCenterId: row.fulfillmentCenterId,
          available: row.available,
        })),
      };
    });
  }

  private async loadDetail(productId: string): Promise<StorefrontProductView | null> {
    return this.db.transaction(async (em) => {
      const product = await em.findOneBy(Product, { id: productId });
      if (!product || product.status !== 'active') return null;
      const [skus, farm, category] = await Promise.all([
        em.find(Sku, { where: { productId }, order: { priceFen: 'ASC', id: 'ASC' } }),
        em.findOneBy(Farm, { id: product.farmId }),
        em.findOneBy(Category, { id: product.categoryId }),
      ]);
      return storefrontProductView(product, skus, farm?.name ?? null, category?.name ?? null);
    });
  }
}
