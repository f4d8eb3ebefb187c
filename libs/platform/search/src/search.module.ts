import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Client } from '@elastic/elasticsearch';
import { healthCheckProvider } from '@harvest/platform/health';
import { createElasticsearchClient } from './elasticsearch-client.factory';
import { ElasticsearchIndexAdmin } from './elasticsearch-index-admin.adapter';
import { SearchHealthIndicator } from './search-health.indicator';
import { ELASTICSEARCH_CLIENT, SEARCH_INDEX_ADMIN } from './search-index-admin.port';
import type { SearchConfig } from './search.config';

/**
 * `SearchModule.forRoot(config)` provides, application-wide, the Elasticsearch client (`ELASTICSEARCH_CLIENT`)
 * and the index-admin port (`SEARCH_INDEX_ADMIN`), both null under the "sql" driver so callers pick their SQL
 * fallback; registers the "search" health indicator when a HealthRegistry exists; closes the client on shutdown.
 */
@Module({})
export class SearchModule implements OnApplicationShutdown {
  static forRoot(config: SearchConfig): DynamicModule {
    return {
      module: SearchModule,
      global: true,
      providers: [
        {
          provide: ELASTICSEARCH_CLIENT,
          useFactory: () =>
            config.driver === 'elasticsearch' ? createElasticsearchClient(config.node, config) : null,
        },
        {
          provide: SEARCH_INDEX_ADMIN,
          useFactory: (client: Client | null) =>
            client && config.driver === 'elasticsearch'
              ? new ElasticsearchIndexAdmin(client, { bulkTimeoutMs: config.bulkTimeoutMs })
              : null,
          inject: [ELASTICSEARCH_CLIENT],
        },
        healthCheckProvider(
          {
            inject: [ELASTICSEARCH_CLIENT],
            useFactory: (client: Client | null) => new SearchHealthIndicator(client),
          },
          SearchHealthIndicator,
        ),
      ],
      exports: [ELASTICSEARCH_CLIENT, SEARCH_INDEX_ADMIN, SearchHealthIndicator],
    };
  }

  constructor(@Inject(ELASTICSEARCH_CLIENT) private readonly client: Client | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client?.close();
  }
}
