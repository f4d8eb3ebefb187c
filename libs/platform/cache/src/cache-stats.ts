import { defineCounter } from '@harvest/platform/observability';
import type { CacheStats } from './cache-store.port';

/** Prometheus view of the same counts, across every store in the process (hit ratio, Redis trouble). */
const cacheOperations = defineCounter(
  'harvest_cache_operations_total',
  'Cache operations by result: hit, miss, load, error.',
  ['result'],
);

/** Mutable counters behind `CacheStore.stats()`; each adapter owns one. */
export class CacheCounters {
  private readonly counts: CacheStats = { hits: 0, misses: 0, loads: 0, errors: 0 };

  hit(): void {
    this.counts.hits++;
    cacheOperations.inc({ result: 'hit' });
  }

  miss(): void {
    this.counts.misses++;
    cacheOperations.inc({ result: 'miss' });
  }

  load(): void {
    this.counts.loads++;
    cacheOperations.inc({ result: 'load' });
  }

  error(error: unknown): void {
    this.counts.errors++;
    cacheOperations.inc({ result: 'error' });
    this.counts.lastError = {
      message: error instanceof Error ? error.message : String(error),
      at: new Date().toISOString(),
    };
  }

  snapshot(): CacheStats {
    return { ...this.counts, lastError: this.counts.lastError && { ...this.counts.lastError } };
  }
}
