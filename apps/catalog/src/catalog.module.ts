import { Module } from '@nestjs/common';
import { AvailabilityService } from './availability/availability.service';
import { StockChangedController } from './availability/stock-changed.controller';
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

/** The catalog's features on top of the platform; its settings (CATALOG_CONFIG) come from the runtime. */
@Module({
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
    CategoriesService,
    ProductsService,
    StorefrontProductsService,
    ImportsService,
    ProductSearchService,
    SearchIndexSyncService,
    SearchReindexService,
    AvailabilityService,
  ],
})
export class CatalogModule {}
