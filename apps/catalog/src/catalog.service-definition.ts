import type { ServiceDefinition } from '@harvest/platform/runtime';
import { AvailabilityModule } from './availability/availability.module';
import { CategoriesModule } from './categories/categories.module';
import { Category } from './categories/entities/category.entity';
import { CATALOG_CONFIG, loadCatalogConfig } from './config/catalog.config';
import { seedDemoCatalog } from './demo/seed-demo-catalog';
import { Farm } from './farms/entities/farm.entity';
import { FarmsModule } from './farms/farms.module';
import { ImportJob } from './imports/entities/import-job.entity';
import { ImportsModule } from './imports/imports.module';
import { catalogMigrations } from './migrations';
import { Product } from './products/entities/product.entity';
import { Sku } from './products/entities/sku.entity';
import { ProductsModule } from './products/products.module';
import { SkuAvailability } from './availability/entities/sku-availability.entity';
import { SearchSyncPending } from './search/entities/search-sync-pending.entity';
import { SearchModule } from './search/search.module';

export const catalogEntities = [Category, Farm, Product, Sku, SkuAvailability, SearchSyncPending, ImportJob];

/**
 * The catalog service as the runtime starts it: products, SKUs, prices, categories, availability and search,
 * with the product cache and Elasticsearch; its own settings (config/catalog.config.ts) are validated with the platform's.
 */
export const catalogService: ServiceDefinition = {
  name: 'catalog',
  port: 3001,
  schema: { entities: catalogEntities, migrations: catalogMigrations },
  uses: ['cache', 'search'],
  config: { token: CATALOG_CONFIG, load: loadCatalogConfig },
  imports: [CategoriesModule, ProductsModule, FarmsModule, ImportsModule, SearchModule, AvailabilityModule],
  seedDemoData: seedDemoCatalog,
};
