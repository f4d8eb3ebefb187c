import { Inject, Injectable } from '@nestjs/common';
import { In, Like, Not } from 'typeorm';
import { CACHE_STORE, type CacheStore } from '@harvest/platform/cache';
import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';
import { ValidationFailedError } from '@harvest/platform/errors';
import { fitsColumn } from '@harvest/platform/http';
import { Product } from '../products/entities/product.entity';
import { Sku } from '../products/entities/sku.entity';
import { productDetailKey } from '../products/product-detail-key';
import { appendSkuChanges } from '../products/product-events';
import { assertCurrentVersion } from '../products/domain/product-version';
import { CategoryExistsError, CategoryNotFoundError } from './domain/category-errors';
import type { CreateCategoryDto } from './dto/create-category.dto';
import type { UpdateCategoryDto } from './dto/update-category.dto';
import { Category } from './entities/category.entity';

/** The category table's path column, VARCHAR(700): "/root/child/" with every ancestor id. */
const CATEGORY_PATH_LENGTH = 700;

@Injectable()
export class CategoriesService {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxWriter,
    @Inject(CACHE_STORE) private readonly cache: CacheStore,
  ) {}

  async create(input: CreateCategoryDto): Promise<Category> {
    return this.db.transaction(async (em) => {
      const categoryExists = () => new CategoryExistsError(input.id);
      if (await em.existsBy(Category, { id: input.id })) throw categoryExists();
      const parent = input.parentId ? await em.findOneBy(Category, { id: input.parentId }) : null;
      if (input.parentId && !parent) {
        throw new ValidationFailedError([
          { field: 'parentId', message: `unknown category ${input.parentId}` },
        ]);
      }
      const path = `${parent?.path ?? '/'}${input.id}/`;
      if (!fitsColumn(path, CATEGORY_PATH_LENGTH, (text) => text)) {
        throw new ValidationFailedError([
          {
            field: 'parentId',
            message: `the ancestor ids and the id together must fit ${CATEGORY_PATH_LENGTH} characters: nest less deep or use shorter ids`,
          },
        ]);
      }
      const category = em.create(Category, {
        id: input.id,
        parentId: parent?.id ?? null,
        name: input.name,
        path,
        minShelfLifeDaysAtDelivery: input.minShelfLifeDaysAtDelivery,
        version: 1,
      });
      // A concurrent create of the same id passes the check above too: the primary key decides, as a 409.
      await em.insert(Category, category).catch((error: unknown) => {
        throw isDuplicateKeyError(error) ? categoryExists() : error;
      });
      return category;
    });
  }

  /**
   * Renames a category or changes its minimum shelf life at delivery. Every live SKU directly in it is
   * announced again (catalog.sku-changed carries that minimum, which orders and fulfillment rely on), in
   * the same transaction; the products' cached details (which show the category name) are dropped after.
   */
  async update(id: string, expectedVersion: number, input: UpdateCategoryDto): Promise<Category> {
    const { category, productIds } = await this.db.transaction(async (em) => {
      const category = await em.findOne(Category, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!category) throw new CategoryNotFoundError(id);
      assertCurrentVersion(expectedVersion, category.version);
      Object.assign(category, input, { version: category.version + 1 });
      await em.save(Category, category);
      const products = await em.find(Product, { where: { categoryId: id } });
      const skus =
        products.length > 0
          ? await em.find(Sku, {
              where: { productId: In(products.map((p) => p.id)), status: Not('archived' as const) },
            })
          : [];
      for (const sku of skus) sku.version += 1;
      await em.save(Sku, skus);
      for (const product of products) {
        const own = skus.filter((sku) => sku.productId === product.id);
        if (own.length > 0 && product.status !== 'archived')
          await appendSkuChanges(em, this.outbox, product, own, category);
      }
      return { category, productIds: products.map((p) => p.id) };
    });
    if (productIds.length > 0) await this.cache.delete(productIds.map(productDetailKey));
    return category;
  }

  async find(id: string): Promise<Category> {
    const category = await this.db.repository(Category).findOneBy({ id });
    if (!category) throw new CategoryNotFoundError(id);
    return category;
  }

  list(): Promise<Category[]> {
    return this.db.read((em) => em.find(Category, { order: { path: 'ASC' } }));
  }

  /** The category and every category below it; 404 when there is no such category. */
  async subtreeIds(id: string): Promise<string[]> {
    return this.db.read(async (em) => {
      const root = await em.findOneBy(Category, { id });
      if (!root) throw new CategoryNotFoundError(id);
      const all = await em.find(Category, { where: { path: Like(`${root.path}%`) }, select: { id: true } });
      return all.map((category) => category.id);
    });
  }
}
