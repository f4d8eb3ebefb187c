import { ConfigError, env, z } from '@harvest/platform/config';

export interface HostPort {
  host: string;
  port: number;
}

/** Timeouts and retry bounds for the ioredis client; defaults suit a cache in front of a database. */
export interface RedisTuning {
  /** Give up on one TCP connect attempt after this long. */
  connectTimeoutMs?: number;
  /** Fail a command that has no reply after this long, so a hung master (ioredis #1059, #1021) cannot stall callers. */
  commandTimeoutMs?: number;
  /** Reconnect attempts a queued command survives before it fails; bounded so an outage turns into misses quickly. */
  maxRetriesPerRequest?: number;
}

/** Cross-process stampede lock used by getOrLoad on Redis. */
export interface CacheLockOptions {
  /** The lock expires on its own after this long, so a crashed loader cannot block a key. */
  ttlMs?: number;
  /** How long other processes wait for the lock holder's value before loading themselves. */
  waitMs?: number;
  /** How often waiters re-read the value. */
  pollMs?: number;
}

interface RedisBacked {
  /** Namespaces every key of one service, e.g. "catalog:". */
  keyPrefix: string;
  redis?: RedisTuning;
  lock?: CacheLockOptions;
}

export type CacheConfig =
  | { driver: 'memory'; maxEntries?: number }
  | ({ driver: 'redis'; url: string } & RedisBacked)
  | ({ driver: 'sentinel'; sentinels: HostPort[]; sentinelName: string } & RedisBacked);

/** Environment variables read by `cacheConfigFromEnv`; merge into a service's own config shape. */
export const cacheEnvShape = {
  CACHE_DRIVER: z.enum(['memory', 'redis', 'sentinel']).default('memory'),
  CACHE_MAX_ENTRIES: env.int(10_000, 1),
  /** Defaults to "<service>:" when unset. */
  CACHE_KEY_PREFIX: z.string().min(1).optional(),
  REDIS_URL: z.string().url().optional(),
  REDIS_SENTINELS: env.hostList().optional(),
  REDIS_SENTINEL_NAME: z.string().min(1).optional(),
};

export type CacheEnv = z.infer<z.ZodObject<typeof cacheEnvShape>>;

/** Turns parsed environment into a CacheConfig, naming the variable that a chosen driver is missing. */
export function cacheConfigFromEnv(parsed: CacheEnv, serviceName: string): CacheConfig {
  const keyPrefix = parsed.CACHE_KEY_PREFIX ?? `${serviceName}:`;
  switch (parsed.CACHE_DRIVER) {
    case 'memory':
      return { driver: 'memory', maxEntries: parsed.CACHE_MAX_ENTRIES };
    case 'redis':
      if (!parsed.REDIS_URL)
        throw new ConfigError([{ variable: 'REDIS_URL', message: 'required when CACHE_DRIVER=redis' }]);
      return { driver: 'redis', url: parsed.REDIS_URL, keyPrefix };
    case 'sentinel': {
      const missing = [
        !parsed.REDIS_SENTINELS && {
          variable: 'REDIS_SENTINELS',
          message: 'required when CACHE_DRIVER=sentinel',
        },
        !parsed.REDIS_SENTINEL_NAME && {
          variable: 'REDIS_SENTINEL_NAME',
          message: 'required when CACHE_DRIVER=sentinel',
        },
      ].filter((p): p is { variable: string; message: string } => Boolean(p));
      if (missing.length > 0) throw new ConfigError(missing);
      return {
        driver: 'sentinel',
        sentinels: parsed.REDIS_SENTINELS!,
        sentinelName: parsed.REDIS_SENTINEL_NAME!,
        keyPrefix,
      };
    }
  }
}
