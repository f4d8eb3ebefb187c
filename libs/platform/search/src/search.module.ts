import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import type { Client } from '@elastic/elasticsearch';
import { HealthRegistry } from '@harvest/platform/health';
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
export class SearchModule implements OnModuleInit, OnApplicationShutdown {
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
        {
          provide: SearchHealthIndicator,
          useFactory: (client: Client | null) => new SearchHealthIndicator(client),
          inject: [ELASTICSEARCH_CLIENT],
        },
      ],
      exports: [ELASTICSEARCH_CLIENT, SEARCH_INDEX_ADMIN, SearchHealthIndicator],
    };
  }

  constructor(
    @Inject(ELASTICSEARCH_CLIENT) private readonly client: Client | null,
    private readonly indicator: SearchHealthIndicator,
    @Optional() private readonly registry?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.registry?.register(this.indicator);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.close();
  }
}
