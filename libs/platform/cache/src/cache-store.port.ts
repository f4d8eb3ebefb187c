/**
 * The cache port. Services depend on this interface only; the module picks the adapter
 * (in-process LRU, Redis standalone, Redis Sentinel) from configuration.
 *
 * Contract shared by every adapter:
 * - values are JSON: what you get back is a fresh copy, never the object you stored;
 * - a cache failure never fails the caller: `get` reports a miss, `set`/`delete` are best-effort
 *   and say whether they reached the store, and the failure shows up in `stats()` and health;
 * - `getOrLoad` runs the loader at most once per key at a time in this process (single-flight),
 *   and adapters shared between processes also coordinate across processes.
 */
export interface CacheStore {
  /** The cached value, or `undefined` on a miss (including when the store cannot be reached). */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value for `ttlSeconds`. Resolves false when the store could not be written. */
  set<T>(key: string, value: T, ttlSeconds: number): Promise<boolean>;
  /**
   * Removes the key and resolves the value it held, in one step: of concurrent takes at most one gets it, so a
   * value can be single-use (a one-time ticket). A miss when the store cannot be reached (Redis ≥ 6.2: GETDEL).
   */
  take<T>(key: string): Promise<T | undefined>;
  /** Removes one or many keys in one round trip. Resolves false when the store could not be reached. */
  delete(keys: string | readonly string[]): Promise<boolean>;
  /**
   * Returns the cached value or runs `loader`, caches its result for `ttlSeconds` and returns it.
   * Loader errors propagate to every caller waiting on that load and are never cached.
   * A loader result of `undefined` is returned but not cached.
   */
  getOrLoad<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<T>;
  /**
   * `getOrLoad` that resolves the value's JSON text instead of a decoded copy: a hit hands back the stored
   * text without parsing it, for callers that only send it on (an HTTP body). Same single-flight, lock and
   * error rules; `undefined` when the loader returned `undefined` (not cached).
   */
  getOrLoadJson<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<string | undefined>;
  /** Counters since start-up, for metrics and the health indicator. */
  stats(): CacheStats;
  /** Releases connections; the store must not be used afterwards. */
  close(): Promise<void>;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Loader runs started by getOrLoad in this process. */
  loads: number;
  /** Store operations that failed and were absorbed (Redis down, timeout, bad payload). */
  errors: number;
  lastError?: { message: string; at: string };
}

/** Nest injection token for the CacheStore port. */
export const CACHE_STORE = Symbol('CACHE_STORE');
