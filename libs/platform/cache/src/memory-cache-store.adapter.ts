import type { CacheStats, CacheStore } from './cache-store.port';
import { CacheCounters } from './cache-stats';
import { decodeCacheValue, encodeCacheValue } from './cache-value.codec';
import { loadAndStore } from './load-and-store';
import { SingleFlight } from './single-flight';

export interface MemoryCacheOptions {
  /** Upper bound on entries; the least recently used entry is evicted first. */
  maxEntries: number;
  /** Injected clock for tests. */
  now?: () => number;
}

interface Entry {
  text: string;
  expiresAt: number;
}

/**
 * The embedded default: a bounded LRU with per-entry TTL, local to one process.
 * A Map keeps insertion order, so re-inserting on read makes its first key the least recently used.
 * Expired entries are dropped when read or when they reach the eviction end.
 */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, Entry>();
  private readonly counters = new CacheCounters();
  private readonly flights = new SingleFlight();
  /** Separate from `flights`: a flight's result is a decoded value there and JSON text here. */
  private readonly jsonFlights = new SingleFlight();
  private readonly now: () => number;

  constructor(private readonly options: MemoryCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`);
    }
    this.now = options.now ?? Date.now;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const text = this.text(key);
    return text === undefined ? undefined : decodeCacheValue<T>(text);
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<boolean> {
    const text = encodeCacheValue(value);
    this.entries.delete(key);
    this.entries.set(key, { text, expiresAt: this.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return true;
  }

  async take<T>(key: string): Promise<T | undefined> {
    const text = this.text(key);
    this.entries.delete(key);
    return text === undefined ? undefined : decodeCacheValue<T>(text);
  }

  async delete(keys: string | readonly string[]): Promise<boolean> {
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      this.flights.invalidate(key);
      this.jsonFlights.invalidate(key);
      this.entries.delete(key);
    }
    return true;
  }

  getOrLoad<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<T> {
    return this.flights.run(key, async (flight) => {
      const cached = await this.get<T>(key);
      return cached !== undefined
        ? cached
        : loadAndStore(this, this.counters, flight, key, ttlSeconds, loader);
    });
  }

  getOrLoadJson<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<string | undefined> {
    return this.jsonFlights.run(key, async (flight) => {
      const cached = this.text(key);
      if (cached !== undefined) return cached;
      const value = await loadAndStore(this, this.counters, flight, key, ttlSeconds, loader);
      return value === undefined ? undefined : encodeCacheValue(value);
    });
  }

  stats(): CacheStats {
    return this.counters.snapshot();
  }

  /** Live entry count (expired entries not yet swept included); reported by the health indicator. */
  get size(): number {
    return this.entries.size;
  }

  /** The stored text of a live entry (counted as hit or miss), refreshed as most recently used. */
  private text(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) {
      if (entry) this.entries.delete(key);
      this.counters.miss();
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.counters.hit();
    return entry.text;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
