import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { productChangedV1 } from '@harvest/contracts/catalog-product-changed';
import { CACHE_STORE, type CacheStore } from '@harvest/platform/cache';
import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';
import { ValidationFailedError, type InvalidField } from '@harvest/platform/errors';
import { Category } from '../categories/entities/category.entity';
import { Farm } from '../farms/entities/farm.entity';
import type { CreateProductDto, ProductInputDto } from './dto/product-input.dto';
import { Product, type ProductStatus } from './entities/product.entity';
import { productPage } from './product-page';
import { Sku } from './entities/sku.entity';
import { appendSkuChanges, minPriceFen, productChangedPayload } from './product-events';
import { pinyinForms } from './product-naming';
import { productDetailKey } from './product-detail-key';
import { ProductExistsError, ProductNotFoundError, SkuExistsError } from './domain/product-errors';
import { assertCurrentVersion } from './domain/product-version';

export interface ProductWithSkus {
  product: Product;
  skus: Sku[];
}

/**
 * Admin writes. Each change is one transaction holding the product row lock, the version check, the new
 * state and its events (catalog.product-changed plus catalog.sku-changed for every SKU touched) in the outbox.
 */
@Injectable()
export class ProductsService {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxWriter,
    @Inject(CACHE_STORE) private readonly cache: CacheStore,
  ) {}

  async create(input: CreateProductDto): Promise<ProductWithSkus> {
    return this.db.transaction(async (em) => {
      const id = input.id ?? randomUUID();
      const productExists = () => new ProductExistsError(id);
      if (await em.findOneBy(Product, { id })) throw productExists();
      const category = await this.checkReferences(em, input, []);
      const now = new Date();
      const product = em.create(Product, { id, version: 1, searchVersion: 0, createdAt: now });
      applyProductInput(product, input, now);
      const skus = input.skus.map((sku) =>
        em.create(Sku, {
          ...sku,
          id: sku.id ?? randomUUID(),
          productId: id,
          status: 'active',
          version: 1,
          createdAt: now,
        }),
      );
      product.minPriceFen = minPriceFen(skus);
      // A concurrent create of the same product id, or of a SKU id, passes the checks above too: the unique
      // keys decide, as the same 409 a later request gets.
      await em.insert(Product, product).catch((error: unknown) => {
        throw isDuplicateKeyError(error) ? productExists() : error;
      });
      await em.insert(Sku, skus).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
        throw new SkuExistsError();
      });
      await this.announce(em, product, skus, category, 'created');
      return { product, skus };
    });
  }

  async update(id: string, expectedVersion: number, input: ProductInputDto): Promise<ProductWithSkus> {
    return this.writeAndForget(id, async (em) => {
      const product = await this.lockProduct(em, id);
      assertCurrentVersion(expectedVersion, product.version);
      const existing = await em.find(Sku, {
        where: { productId: id },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const category = await this.checkReferences(em, input, existing);
      const now = new Date();
      applyProductInput(product, input, now);
      product.version += 1;

      const byId = new Map(existing.map((sku) => [skuIdKey(sku.id), sku]));
      const listed = new Set<string>();
      const touched: Sku[] = [];
      for (const skuInput of input.skus) {
        const current = skuInput.id ? byId.get(skuIdKey(skuInput.id)) : undefined;
        const sku =
          current ??
          em.create(Sku, { id: skuInput.id ?? randomUUID(), productId: id, version: 0, createdAt: now });
        Object.assign(sku, { ...skuInput, id: sku.id, status: 'active' as const, version: sku.version + 1 });
        listed.add(sku.id);
        touched.push(sku);
      }
      for (const sku of existing) {
        if (listed.has(sku.id) || sku.status === 'archived') continue;
        sku.status = 'archived';
        sku.version += 1;
        touched.push(sku);
      }
      product.minPriceFen = minPriceFen(touched);
      await em.save(Product, product);
      await em.save(Sku, touched);
      await this.announce(em, product, touched, category, 'updated');
      return {
        product,
        skus: await em.find(Sku, { where: { productId: id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      };
    });
  }

  async archive(id: string, expectedVersion: number): Promise<ProductWithSkus> {
    return this.writeAndForget(id, async (em) => {
      const product = await this.lockProduct(em, id);
      assertCurrentVersion(expectedVersion, product.version);
      const skus = await em.find(Sku, { where: { productId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
      const category = await em.findOneByOrFail(Category, { id: product.categoryId });
      const now = new Date();
      Object.assign(product, {
        status: 'archived',
        version: product.version + 1,
        updatedAt: now,
        searchChangedAt: now,
        searchVersion: product.searchVersion + 1,
      });
      for (const sku of skus) sku.version += 1;
      await em.save(Product, product);
      await em.save(Sku, skus);
      await this.announce(em, product, skus, category, 'archived');
      return { product, skus };
    });
  }

  /** Admin listing, any status; SKUs are in the detail. */
  list(query: { status?: ProductStatus; categoryId?: string; cursor?: string; limit?: number }) {
    return this.db.read((em) =>
      productPage(
        em,
        { status: query.status, categoryIds: query.categoryId ? [query.categoryId] : undefined },
        query.cursor,
        query.limit ?? 50,
      ),
    );
  }

  async find(id: string): Promise<ProductWithSkus> {
    const product = await this.db.repository(Product).findOneBy({ id });
    if (!product) throw new ProductNotFoundError(id);
    const skus = await this.db
      .repository(Sku)
      .find({ where: { productId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { product, skus };
  }

  /**
   * Drops the cached storefront detail right after the commit, so the writer's next read shows the change
   * even before the product-changed consumer (which also drops it, for every instance) has run.
   */
  private async writeAndForget<T>(id: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(work);
    await this.cache.delete(productDetailKey(id));
    return result;
  }

  private async lockProduct(em: EntityManager, id: string): Promise<Product> {
    const product = await em.findOne(Product, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!product) throw new ProductNotFoundError(id);
    return product;
  }

  /** Unknown category or farm, or a SKU id that belongs to another product: 400 naming the field. */
  private async checkReferences(
    em: EntityManager,
    input: ProductInputDto,
    ownSkus: readonly Sku[],
  ): Promise<Category> {
    const errors: InvalidField[] = [];
    const category = await em.findOneBy(Category, { id: input.categoryId });
    if (!category) errors.push({ field: 'categoryId', message: `unknown category ${input.categoryId}` });
    if (!(await em.existsBy(Farm, { id: input.farmId })))
      errors.push({ field: 'farmId', message: `unknown farm ${input.farmId}` });
    if (input.organic && !input.organicCertificateNo) {
      errors.push({
        field: 'organicCertificateNo',
        message: 'an organic product needs its certificate number',
      });
    }
    const own = new Set(ownSkus.map((sku) => skuIdKey(sku.id)));
    const named = input.skus.map((sku) => sku.id).filter((skuId): skuId is string => skuId !== undefined);
    const foreign = named.length > 0 ? await em.findBy(Sku, { id: In(named) }) : [];
    const foreignIds = new Set(foreign.map((sku) => skuIdKey(sku.id)).filter((key) => !own.has(key)));
    const seen = new Set<string>();
    input.skus.forEach((sku, index) => {
      if (!sku.id) return;
      const key = skuIdKey(sku.id);
      if (foreignIds.has(key))
        errors.push({ field: `skus[${index}].id`, message: `SKU ${sku.id} belongs to another product` });
      if (seen.has(key))
        errors.push({ field: `skus[${index}].id`, message: `SKU ${sku.id} is listed twice` });
      seen.add(key);
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return category!;
  }

  private async announce(
    em: EntityManager,
    product: Product,
    skus: readonly Sku[],
    category: Category,
    changeKind: 'created' | 'updated' | 'archived',
  ): Promise<void> {
    await this.outbox.append(em, productChangedV1, {
      key: product.id,
      payload: productChangedPayload(product, skus, changeKind),
    });
    await appendSkuChanges(em, this.outbox, product, skus, category);
  }
}

function applyProductInput(product: Product, input: ProductInputDto, now: Date): void {
  const forms = pinyinForms(input.name);
  Object.assign(product, {
    name: input.name,
    namePinyin: forms.syllables,
    namePinyinCompact: forms.compact,
    nameInitials: forms.initials.slice(0, 100),
    description: input.description ?? null,
    categoryId: input.categoryId,
    farmId: input.farmId,
    organic: input.organic,
    organicCertificateNo: input.organicCertificateNo ?? null,
    status: input.status ?? product.status ?? 'draft',
    imageIds: input.imageIds ?? [],
    updatedAt: now,
    searchChangedAt: now,
    searchVersion: product.searchVersion + 1,
  });
}

/**
 * A SKU id as the sku table's key compares it: utf8mb4_unicode_ci ignores case, and ids are ASCII letters,
 * digits, dots, dashes and underscores (the DTO), so "SKU-1" and "sku-1" are one key.
 */
function skuIdKey(id: string): string {
  return id.toLowerCase();
}
