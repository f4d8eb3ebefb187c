import type { CacheConfig } from './cache.config';
import type { CacheStore } from './cache-store.port';
import { MemoryCacheStore } from './memory-cache-store.adapter';
import { RedisCacheStore } from './redis-cache-store.adapter';
import { createRedisClient, type RedisTarget } from './redis-client.factory';

/** Picks and builds the adapter for a CacheConfig; the one place that knows every driver. */
export function createCacheStore(config: CacheConfig): CacheStore {
  if (config.driver === 'memory') return new MemoryCacheStore({ maxEntries: config.maxEntries ?? 10_000 });
  const target = redisTargetOf(config)!;
  // Shows up in CLIENT LIST, so operators can tell which service holds a connection.
  const connectionName = `cache:${config.keyPrefix.replace(/[^\w:.-]/g, '_')}`;
  const client = createRedisClient(target, config.redis, connectionName);
  return new RedisCacheStore(client, { keyPrefix: config.keyPrefix, lock: config.lock });
}

/** The Redis a cache config points at (standalone or Sentinel); undefined for the in-process cache. */
export function redisTargetOf(config: CacheConfig): RedisTarget | undefined {
  if (config.driver === 'memory') return undefined;
  return config.driver === 'redis'
    ? { url: config.url }
    : { sentinels: config.sentinels, sentinelName: config.sentinelName };
}
