import { Module } from '@nestjs/common';
import { CategoriesModule } from '../categories/categories.module';
import { AdminSearchController } from './admin-search.controller';
import { ProductChangedConsumer } from './product-changed.consumer';
import { ProductSearchService } from './product-search.service';
import { SearchController } from './search.controller';
import { SearchIndexSyncService } from './search-index-sync.service';
import { SearchReindexService } from './search-reindex.service';

/**
 * Storefront search (Elasticsearch, MySQL when it is away), the index kept in step by product-changed events
 * and the catch-up job, and the admin reindex; availability changes reach the index through SearchIndexSyncService.
 */
@Module({
  imports: [CategoriesModule],
  controllers: [SearchController, AdminSearchController, ProductChangedConsumer],
  providers: [ProductSearchService, SearchIndexSyncService, SearchReindexService],
  exports: [SearchIndexSyncService],
})
export class SearchModule {}
