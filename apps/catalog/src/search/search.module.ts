import { Module } from '@nestjs/common';
import { CategoriesModule } from '../categories/categories.module';
import { AdminSearchController } from './admin-search.controller';
import { InProcessSearchIndex } from './in-process-search-index.service';
import { ProductChangedConsumer } from './product-changed.consumer';
import { ProductSearchService } from './product-search.service';
import { SearchController } from './search.controller';
import { SearchIndexSyncService } from './search-index-sync.service';
import { SearchReindexService } from './search-reindex.service';

/**
 * Storefront search (Elasticsearch; the in-process index when it is away or not configured), the index kept in step by product-changed events
 * and the catch-up job, and the admin reindex; availability changes reach the index through SearchIndexSyncService.
 */
@Module({
  imports: [CategoriesModule],
  controllers: [SearchController, AdminSearchController, ProductChangedConsumer],
  providers: [ProductSearchService, SearchIndexSyncService, SearchReindexService, InProcessSearchIndex],
  exports: [SearchIndexSyncService, InProcessSearchIndex],
})
export class SearchModule {}
