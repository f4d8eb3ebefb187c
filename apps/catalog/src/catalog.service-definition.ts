import type { ServiceDefinition } from '@harvest/platform/runtime';
import { Category } from './categories/entities/category.entity';
import { CATALOG_CONFIG, loadCatalogConfig } from './catalog.config';
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
 * The catalog service as the runtime starts it: products, SKUs, prices, categories, availability and search,
 * with the product cache and Elasticsearch; its own settings (catalog.config.ts) are validated with the platform's.
 */
export const catalogService: ServiceDefinition = {
  name: 'catalog',
  port: 3001,
  schema: { entities: catalogEntities, migrations: catalogMigrations },
  uses: ['cache', 'search'],
  config: { token: CATALOG_CONFIG, load: loadCatalogConfig },
  imports: [CatalogModule],
  seedDemoData: seedDemoCatalog,
};
