import type { CacheStats } from './cache-store.port';

/** Mutable counters behind `CacheStore.stats()`; each adapter owns one. */
export class CacheCounters {
  private readonly counts: CacheStats = { hits: 0, misses: 0, loads: 0, errors: 0 };

  hit(): void {
    this.counts.hits++;
  }

  miss(): void {
    this.counts.misses++;
  }

  load(): void {
    this.counts.loads++;
  }

  error(error: unknown): void {
    this.counts.errors++;
    this.counts.lastError = {
      message: error instanceof Error ? error.message : String(error),
      at: new Date().toISOString(),
    };
  }

  snapshot(): CacheStats {
    return { ...this.counts, lastError: this.counts.lastError && { ...this.counts.lastError } };
  }
}
