import { Inject, Injectable, Logger } from '@nestjs/common';
import { errors, type Client } from '@elastic/elasticsearch';
import { Database } from '@harvest/platform/database';
import { ELASTICSEARCH_CLIENT } from '@harvest/platform/search';
import { CATALOG_CONFIG, type CatalogConfig } from '../config/catalog.config';
import { ElasticsearchProductSearch } from './elasticsearch-product-search.adapter';
import type {
  ProductSearchEngine,
  ProductSearchQuery,
  ProductSearchResult,
  ProductSuggestion,
} from './product-search.port';
import { SqlProductSearch } from './sql-product-search.adapter';

export interface Answered<T> {
  /** Which engine answered. */
  engine: 'elasticsearch' | 'sql';
  /** True when Elasticsearch is configured but failed, so MySQL answered (no typo tolerance, simpler ranking). */
  degraded: boolean;
  result: T;
}

/** Elasticsearch when configured, MySQL otherwise and whenever Elasticsearch fails a query. */
@Injectable()
export class ProductSearchService {
  private readonly logger = new Logger('ProductSearch');
  private readonly primary: ProductSearchEngine | null;
  private readonly fallback: ProductSearchEngine;

  constructor(
    db: Database,
    @Inject(ELASTICSEARCH_CLIENT) client: Client | null,
    @Inject(CATALOG_CONFIG) config: CatalogConfig,
  ) {
    this.primary = client ? new ElasticsearchProductSearch(client, config.CATALOG_SEARCH_ALIAS) : null;
    this.fallback = new SqlProductSearch(db);
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
        this.logger.warn(`Elasticsearch query failed, answering from MySQL: ${(error as Error).message}`);
        return { engine: this.fallback.name, degraded: true, result: await ask(this.fallback) };
      }
    }
    return { engine: this.fallback.name, degraded: false, result: await ask(this.fallback) };
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
