import type { CacheStore } from './cache-store.port';
import type { CacheCounters } from './cache-stats';
import type { Flight } from './single-flight';

/** The miss path every adapter shares: run the loader once, then cache the result unless a delete overtook it. */
export async function loadAndStore<T>(
  store: Pick<CacheStore, 'set'>,
  counters: CacheCounters,
  flight: Flight,
  key: string,
  ttlSeconds: number,
  loader: () => Promise<T>,
): Promise<T> {
  counters.load();
  const value = await loader();
  if (value !== undefined && !flight.invalidated) await store.set(key, value, ttlSeconds);
  return value;
}
