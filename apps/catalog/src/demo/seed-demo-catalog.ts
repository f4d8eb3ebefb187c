import { Logger, type INestApplicationContext } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { CategoriesService } from '../categories/categories.service';
import { Category } from '../categories/entities/category.entity';
import { Product } from '../products/entities/product.entity';
import { ProductsService } from '../products/products.service';
import { DEMO_CATEGORIES, demoProducts } from './demo-catalog';

/**
 * SEED_DEMO_DATA hook: the demo category tree and 240 products, through the normal write path so the
 * sku-changed events reach orders. Idempotent: what exists already is left alone.
 */
export async function seedDemoCatalog(app: INestApplicationContext): Promise<void> {
  const logger = new Logger('DemoCatalog');
  const db = app.get(Database);
  const categories = app.get(CategoriesService);
  const products = app.get(ProductsService);

  const existingCategories = new Set(
    (await db.repository(Category).find({ select: { id: true } })).map((c) => c.id),
  );
  for (const category of DEMO_CATEGORIES)
    if (!existingCategories.has(category.id)) await categories.create(category);

  const wanted = demoProducts();
  const existing = new Set(
    (
      await db.repository(Product).find({ where: { id: In(wanted.map((p) => p.id!)) }, select: { id: true } })
    ).map((p) => p.id),
  );
  const missing = wanted.filter((p) => !existing.has(p.id!));
  for (const [i, product] of missing.entries()) {
    await products.create(product);
    if ((i + 1) % 50 === 0 || i + 1 === missing.length)
      logger.log(`demo catalog: ${i + 1}/${missing.length} products created`);
  }
  if (missing.length === 0) logger.log(`demo catalog already present (${wanted.length} products)`);
}
