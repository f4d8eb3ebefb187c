import { Module, type DynamicModule } from '@nestjs/common';
import { loadConfig, type Env } from '@harvest/platform/config';
import { AvailabilityService } from './availability/availability.service';
import { StockChangedController } from './availability/stock-changed.controller';
import { CATALOG_CONFIG, catalogConfigShape } from './catalog.config';
import { CategoriesController } from './categories/categories.controller';
import { CategoriesService } from './categories/categories.service';
import { FarmsController } from './farms/farms.controller';
import { AdminImportsController } from './imports/admin-imports.controller';
import { ImportsService } from './imports/imports.service';
import { AdminProductsController } from './products/admin-products.controller';
import { ProductsService } from './products/products.service';
import { StorefrontProductsController } from './products/storefront-products.controller';
import { StorefrontProductsService } from './products/storefront-products.service';
import { AdminSearchController } from './search/admin-search.controller';
import { ProductChangedController } from './search/product-changed.controller';
import { ProductSearchService } from './search/product-search.service';
import { SearchController } from './search/search.controller';
import { SearchIndexSyncService } from './search/search-index-sync.service';
import { SearchReindexService } from './search/search-reindex.service';

@Module({})
export class CatalogModule {
  /** The catalog's domain on top of the platform; its own settings are validated here, at start. */
  static forRoot(env: Env): DynamicModule {
    return {
      module: CatalogModule,
      controllers: [
        CategoriesController,
        FarmsController,
        AdminProductsController,
        StorefrontProductsController,
        AdminImportsController,
        SearchController,
        AdminSearchController,
        ProductChangedController,
        StockChangedController,
      ],
      providers: [
        { provide: CATALOG_CONFIG, useFactory: () => loadConfig(catalogConfigShape, env) },
        CategoriesService,
        ProductsService,
        StorefrontProductsService,
        ImportsService,
        ProductSearchService,
        SearchIndexSyncService,
        SearchReindexService,
        AvailabilityService,
      ],
    };
  }
}
