import { Inject, Injectable, Logger } from '@nestjs/common';
import { errors, type Client } from '@elastic/elasticsearch';
import { ELASTICSEARCH_CLIENT } from '@harvest/platform/search';
import { CATALOG_CONFIG, type CatalogConfig } from '../config/catalog.config';
import { ElasticsearchProductSearch } from './elasticsearch-product-search.adapter';
import { InProcessSearchIndex } from './in-process-search-index.service';
import type {
  ProductSearchEngine,
  ProductSearchQuery,
  ProductSearchResult,
  ProductSuggestion,
  SearchEngineName,
} from './product-search.port';

export interface Answered<T> {
  /** Which engine answered. */
  engine: SearchEngineName;
  /** True when Elasticsearch is configured but failed, so this instance's in-process index answered. */
  degraded: boolean;
  result: T;
}

/**
 * Elasticsearch when configured; the in-process index otherwise and whenever Elasticsearch fails a query. The
 * two give the same answers (search-engines.int.spec.ts), and neither costs MySQL anything per query.
 */
@Injectable()
export class ProductSearchService {
  private readonly logger = new Logger('ProductSearch');
  private readonly primary: ProductSearchEngine | null;

  constructor(
    private readonly local: InProcessSearchIndex,
    @Inject(ELASTICSEARCH_CLIENT) client: Client | null,
    @Inject(CATALOG_CONFIG) config: CatalogConfig,
  ) {
    this.primary = client ? new ElasticsearchProductSearch(client, config.CATALOG_SEARCH_ALIAS) : null;
  }

  search(query: ProductSearchQuery): Promise<Answered<ProductSearchResult>> {
    return this.answer((engine) => engine.search(query));
  }

  suggest(prefix: string, size: number): Promise<Answered<ProductSuggestion[]>> {
    return this.answer((engine) => engine.suggest(prefix, size));
  }

  private async answer<T>(ask: (engine: ProductSearchEngine) => Promise<T>): Promise<Answered<T>> {
    if (this.primary) {
      const primary = this.primary;
      try {
        return {
          engine: primary.name,
          degraded: false,
          result: await retryOnceIfAnswered(() => ask(primary)),
        };
      } catch (error) {
        this.logger.warn(
          `Elasticsearch query failed, answering from the in-process index: ${(error as Error).message}`,
        );
        const fallback = this.local.ready();
        return { engine: fallback.name, degraded: true, result: await ask(fallback) };
      }
    }
    const local = this.local.ready();
    return { engine: local.name, degraded: false, result: await ask(local) };
  }
}

/**
 * Elasticsearch answering with an error (rather than not answering) is usually momentary: a query that
 * reached an index just removed by an alias swap fails its shards, and the same query again resolves the
 * alias to the new index. So one immediate retry before falling back; an unreachable cluster is not retried.
 */
async function retryOnceIfAnswered<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (!(error instanceof errors.ResponseError)) throw error;
    return query();
  }
}
