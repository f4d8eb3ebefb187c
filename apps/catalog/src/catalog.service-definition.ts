import type { Env } from '@harvest/platform/config';
import type { ServiceDefinition } from '@harvest/platform/runtime';
import { Category } from './categories/entities/category.entity';
import { CatalogModule } from './catalog.module';
import { seedDemoCatalog } from './demo/seed-demo-catalog';
import { Farm } from './farms/entities/farm.entity';
import { ImportJob } from './imports/entities/import-job.entity';
import { catalogMigrations } from './migrations';
import { Product } from './products/entities/product.entity';
import { Sku } from './products/entities/sku.entity';
import { SkuAvailability } from './availability/entities/sku-availability.entity';
import { SearchSyncPending } from './search/entities/search-sync-pending.entity';

export const catalogEntities = [Category, Farm, Product, Sku, SkuAvailability, SearchSyncPending, ImportJob];

/**
 * The catalog service as the runtime starts it: products, SKUs, prices, categories, availability and search.
 * `env` is where its own settings (catalog.config.ts) are read from; tests pass theirs.
 */
export function defineCatalogService(env: Env = process.env): ServiceDefinition {
  return {
    name: 'catalog',
    port: 3001,
    schema: { entities: catalogEntities, migrations: catalogMigrations },
    imports: [CatalogModule.forRoot(env)],
    seedDemoData: seedDemoCatalog,
  };
}

export const catalogService: ServiceDefinition = defineCatalogService();
