export { CACHE_STORE, type CacheStats, type CacheStore } from './cache-store.port';
export {
  cacheConfigFromEnv,
  cacheEnvShape,
  type CacheConfig,
  type CacheEnv,
  type CacheLockOptions,
  type HostPort,
  type RedisTuning,
} from './cache.config';
export { MemoryCacheStore, type MemoryCacheOptions } from './memory-cache-store.adapter';
export { RedisCacheStore, type RedisCacheOptions } from './redis-cache-store.adapter';
export { createRedisClient, redisClientOptions, type RedisTarget } from './redis-client.factory';
export { createCacheStore, redisTargetOf } from './cache-store.factory';
export { CacheHealthIndicator } from './cache-health.indicator';
export { CacheModule } from './cache.module';
