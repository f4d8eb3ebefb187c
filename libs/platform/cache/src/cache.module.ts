import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { healthCheckProvider } from '@harvest/platform/health';
import type { CacheConfig } from './cache.config';
import { CacheHealthIndicator } from './cache-health.indicator';
import { CACHE_STORE, type CacheStore } from './cache-store.port';
import { createCacheStore } from './cache-store.factory';

/**
 * `CacheModule.forRoot(config)` provides the CacheStore port under `CACHE_STORE` to the whole application
 * (global, like other infrastructure modules), registers the "cache" health indicator when a HealthRegistry
 * is available, and closes the connection on shutdown.
 */
@Module({})
export class CacheModule implements OnApplicationShutdown {
  static forRoot(config: CacheConfig): DynamicModule {
    return {
      module: CacheModule,
      global: true,
      providers: [
        { provide: CACHE_STORE, useFactory: () => createCacheStore(config) },
        healthCheckProvider(
          {
            inject: [CACHE_STORE],
            useFactory: (store: CacheStore) => new CacheHealthIndicator(config.driver, store),
          },
          CacheHealthIndicator,
        ),
      ],
      exports: [CACHE_STORE, CacheHealthIndicator],
    };
  }

  constructor(@Inject(CACHE_STORE) private readonly store: CacheStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
