import Redis, { type RedisOptions } from 'ioredis';
import type { HostPort, RedisTuning } from './cache.config';

export type RedisTarget = { url: string } | { sentinels: HostPort[]; sentinelName: string };

const DEFAULT_TUNING: Required<RedisTuning> = {
  connectTimeoutMs: 2_000,
  commandTimeoutMs: 1_000,
  maxRetriesPerRequest: 2,
};

/**
 * After a failover the old master may come back as a replica while our connection to it is still open
 * (a manual failover, a healed partition: ioredis #305). Writes then fail with READONLY; returning 2
 * makes ioredis reconnect, ask the sentinels for the current master again, and resend the command.
 */
export function reconnectOnReadonly(error: Error): 2 | false {
  return error.message.startsWith('READONLY') ? 2 : false;
}

/** Quick, capped reconnect backoff: a failover takes seconds, and a cache should return as soon as it can. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(attempt * 100, 1_000);
}

/** Builds the ioredis options for one target; exported so tests can check the failover-critical settings. */
export function redisClientOptions(
  target: RedisTarget,
  tuning: RedisTuning = {},
  connectionName?: string,
): RedisOptions {
  const t = { ...DEFAULT_TUNING, ...tuning };
  const common: RedisOptions = {
    connectionName,
    connectTimeout: t.connectTimeoutMs,
    commandTimeout: t.commandTimeoutMs,
    maxRetriesPerRequest: t.maxRetriesPerRequest,
    retryStrategy: reconnectDelayMs,
    reconnectOnError: reconnectOnReadonly,
    // TCP keep-alive finds a silently dead peer in seconds instead of the OS default of hours (ioredis #1021).
    keepAlive: 5_000,
    // How long close() lets a half-open socket linger before destroying it.
    disconnectTimeout: 500,
  };
  if ('url' in target) return common;
  return {
    ...common,
    sentinels: target.sentinels,
    name: target.sentinelName,
    // Subscribes to +switch-master on the sentinels and drops the connection to a master that was
    // failed over while still reachable or hung (ioredis #1059), instead of waiting for it to close.
    failoverDetector: true,
    sentinelRetryStrategy: reconnectDelayMs,
    sentinelCommandTimeout: t.commandTimeoutMs,
  };
}

/** Creates a connected ioredis client for a standalone URL or a Sentinel-managed master. */
export function createRedisClient(target: RedisTarget, tuning?: RedisTuning, connectionName?: string): Redis {
  const options = redisClientOptions(target, tuning, connectionName);
  return 'url' in target ? new Redis(target.url, options) : new Redis(options);
}
