import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { HealthRegistry } from '@harvest/platform/health';
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
export class CacheModule implements OnModuleInit, OnApplicationShutdown {
  static forRoot(config: CacheConfig): DynamicModule {
    return {
      module: CacheModule,
      global: true,
      providers: [
        { provide: CACHE_STORE, useFactory: () => createCacheStore(config) },
        {
          provide: CacheHealthIndicator,
          useFactory: (store: CacheStore) => new CacheHealthIndicator(config.driver, store),
          inject: [CACHE_STORE],
        },
      ],
      exports: [CACHE_STORE, CacheHealthIndicator],
    };
  }

  constructor(
    @Inject(CACHE_STORE) private readonly store: CacheStore,
    private readonly indicator: CacheHealthIndicator,
    @Optional() private readonly registry?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.registry?.register(this.indicator);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
