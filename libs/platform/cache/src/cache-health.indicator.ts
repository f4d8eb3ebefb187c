import type { DependencyCheck, DependencyHealthIndicator } from '@harvest/platform/health';
import type { CacheStore } from './cache-store.port';
import { MemoryCacheStore } from './memory-cache-store.adapter';
import { RedisCacheStore } from './redis-cache-store.adapter';

const PING_TIMEOUT_MS = 1_000;

/**
 * Readiness entry "cache". Not critical: callers fall back to the database on every miss,
 * so a dead cache makes the service slower (degraded), not unable to serve.
 */
export class CacheHealthIndicator implements DependencyHealthIndicator {
  readonly name = 'cache';
  readonly critical = false;

  constructor(
    private readonly driver: string,
    private readonly store: CacheStore,
  ) {}

  async check(): Promise<DependencyCheck> {
    const { errors, lastError } = this.store.stats();
    const detail: Record<string, unknown> = { driver: this.driver, errors, ...(lastError && { lastError }) };
    if (this.store instanceof MemoryCacheStore)
      return { up: true, detail: { ...detail, entries: this.store.size } };
    if (!(this.store instanceof RedisCacheStore)) return { up: true, detail };

    const client = this.store.client;
    detail.connection = client.status;
    if (client.stream?.remotePort)
      detail.server = `${client.stream.remoteAddress}:${client.stream.remotePort}`;
    // A client that is not ready would only queue the PING; report the state at once instead.
    if (client.status !== 'ready') return { up: false, detail };
    try {
      const reply = await withTimeout(client.ping(), PING_TIMEOUT_MS);
      return { up: reply === 'PONG', detail };
    } catch (error) {
      return {
        up: false,
        detail: { ...detail, error: error instanceof Error ? error.message : String(error) },
      };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no reply within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
