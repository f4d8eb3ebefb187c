import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { CacheLockOptions } from './cache.config';
import type { CacheStats, CacheStore } from './cache-store.port';
import { CacheCounters } from './cache-stats';
import { decodeCacheValue, encodeCacheValue } from './cache-value.codec';
import { loadAndStore } from './load-and-store';
import { SingleFlight, type Flight } from './single-flight';

export interface RedisCacheOptions {
  /** Prepended to every key, e.g. "catalog:". Keys under `<prefix>__lock:` are reserved for stampede locks. */
  keyPrefix: string;
  lock?: CacheLockOptions;
}

const DEFAULT_LOCK: Required<CacheLockOptions> = { ttlMs: 5_000, waitMs: 1_500, pollMs: 50 };

/** Deletes the lock only if we still own it, so a loader that overran its TTL cannot free someone else's lock. */
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Client states in which ioredis already knows the connection is broken. Commands would wait in the offline
 * queue through several reconnect attempts; a cache answers "miss" at once instead, so an outage costs
 * callers no latency. While 'connecting' (start-up, mid-failover) commands still queue, bounded by commandTimeout.
 */
const BROKEN_STATES = new Set(['reconnecting', 'close', 'end']);

const asText = (text: string): string => text;

/** Someone else holds the lock; `undefined` from tryLock means Redis could not be asked. */
const BUSY = Symbol('busy');

/**
 * CacheStore on an ioredis client (standalone or Sentinel; the client decides). Every Redis call is wrapped
 * so errors become misses or `false` and are counted, never thrown: the database behind the cache is the
 * source of truth and must keep serving when Redis does not.
 */
export class RedisCacheStore implements CacheStore {
  private readonly counters = new CacheCounters();
  private readonly flights = new SingleFlight();
  /** Separate from `flights`: a flight's result is a decoded value there and JSON text here. */
  private readonly jsonFlights = new SingleFlight();
  private readonly lock: Required<CacheLockOptions>;
  private readonly logger = new Logger('Cache');
  private unavailable = false;

  constructor(
    readonly client: Redis,
    private readonly options: RedisCacheOptions,
  ) {
    this.lock = { ...DEFAULT_LOCK, ...options.lock };
    // Without a listener ioredis prints "Unhandled error event" on every failed reconnect. One line per
    // outage and one on recovery is what operators need; per-operation failures are counted in stats().
    client.on('error', (error: Error) => {
      if (this.unavailable) return;
      this.unavailable = true;
      this.logger.warn(`Redis unavailable, serving cache misses until it returns: ${error.message}`);
    });
    client.on('ready', () => {
      if (!this.unavailable) return;
      this.unavailable = false;
      const server = client.stream ? ` (${client.stream.remoteAddress}:${client.stream.remotePort})` : '';
      this.logger.log(`Redis connection restored${server}`);
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.counted(await this.read(key, decodeCacheValue<T>));
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<boolean> {
    const text = encodeCacheValue(value);
    const ttlMs = Math.max(1, Math.round(ttlSeconds * 1000));
    return this.attempt(async () => {
      await this.client.set(this.dataKey(key), text, 'PX', ttlMs);
      return true;
    }, false);
  }

  async take<T>(key: string): Promise<T | undefined> {
    const text = await this.attempt(() => this.client.getdel(this.dataKey(key)), null);
    let value: T | undefined;
    try {
      value = text === null ? undefined : decodeCacheValue<T>(text);
    } catch (error) {
      this.counters.error(error);
      return undefined;
    }
    return this.counted(value);
  }

  async delete(keys: string | readonly string[]): Promise<boolean> {
    const list = typeof keys === 'string' ? [keys] : [...keys];
    if (list.length === 0) return true;
    for (const key of list) {
      this.flights.invalidate(key);
      this.jsonFlights.invalidate(key);
    }
    return this.attempt(async () => {
      await this.client.del(...list.map((key) => this.dataKey(key)));
      return true;
    }, false);
  }

  getOrLoad<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<T> {
    return this.flights.run(key, (flight) =>
      this.readOrLoad(flight, key, ttlSeconds, loader, decodeCacheValue<T>, (value) => value),
    );
  }

  getOrLoadJson<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<string | undefined> {
    return this.jsonFlights.run(key, (flight) =>
      this.readOrLoad(flight, key, ttlSeconds, loader, asText, (value) =>
        value === undefined ? undefined : encodeCacheValue(value),
      ),
    );
  }

  stats(): CacheStats {
    return this.counters.snapshot();
  }

  async close(): Promise<void> {
    // QUIT lets pending replies arrive, but needs a live connection.
    if (this.client.status === 'ready') await this.client.quit().catch(() => undefined);
    // Always disconnect too: QUIT alone leaves the Sentinel failover detector's subscriber connections
    // open (ioredis 5.11), which would keep the process alive; disconnect() tears the connector down.
    this.client.disconnect();
  }

  /**
   * The getOrLoad flow, for either result form: `decode` turns stored text into a hit's result, `fromLoader`
   * turns a loaded value into the miss's result. A hit resolves straight from the read (no async frame of its
   * own: this is the hot path of every cached read).
   */
  private readOrLoad<T, R>(
    flight: Flight,
    key: string,
    ttlSeconds: number,
    loader: () => Promise<T>,
    decode: (text: string) => R,
    fromLoader: (value: T) => R,
  ): Promise<R> {
    return this.read(key, decode, (cached) => {
      if (this.counted(cached) !== undefined) return cached as R;
      return this.loadOnMiss(flight, key, ttlSeconds, loader, decode, fromLoader);
    });
  }

  private async loadOnMiss<T, R>(
    flight: Flight,
    key: string,
    ttlSeconds: number,
    loader: () => Promise<T>,
    decode: (text: string) => R,
    fromLoader: (value: T) => R,
  ): Promise<R> {
    const turn = await this.waitForTurn(key, decode);
    if ('value' in turn) return turn.value;
    try {
      return fromLoader(await loadAndStore(this, this.counters, flight, key, ttlSeconds, loader));
    } finally {
      if (turn.token) await this.releaseLock(key, turn.token);
    }
  }

  private counted<R>(value: R | undefined): R | undefined {
    if (value === undefined) this.counters.miss();
    else this.counters.hit();
    return value;
  }

  /**
   * Either takes the cross-process lock (token), or waits for the holder to publish the value, or,
   * after `waitMs` or when Redis cannot be asked, gives up waiting and lets the caller load without a lock.
   */
  private async waitForTurn<R>(
    key: string,
    decode: (text: string) => R,
  ): Promise<{ value: R } | { token?: string }> {
    const deadline = Date.now() + this.lock.waitMs;
    for (;;) {
      const token = await this.tryLock(key);
      if (token !== BUSY) return { token };
      if (Date.now() >= deadline) return {};
      await sleep(this.lock.pollMs);
      const value = await this.read(key, decode);
      if (value !== undefined) {
        this.counters.hit();
        return { value };
      }
    }
  }

  private async tryLock(key: string): Promise<string | typeof BUSY | undefined> {
    const token = randomUUID();
    return this.attempt(async () => {
      const reply = await this.client.set(this.lockKey(key), token, 'PX', this.lock.ttlMs, 'NX');
      return reply === 'OK' ? token : BUSY;
    }, undefined);
  }

  private async releaseLock(key: string, token: string): Promise<void> {
    await this.attempt(() => this.client.eval(RELEASE_LOCK, 1, this.lockKey(key), token), undefined);
  }

  /**
   * Reads without touching hit/miss counters, so polling waiters do not inflate the miss rate. Same rules as
   * `attempt` (errors and bad payloads are counted and read as a miss). `then` continues with the result inside
   * the read's own reaction (one promise fewer than chaining it, since every cache hit comes through here); it
   * is outside the decode's try, so its own failure rejects the returned promise.
   */
  private read<R, N = R | undefined>(
    key: string,
    decode: (text: string) => R,
    then: (value: R | undefined) => N | Promise<N> = (value) => value as N,
  ): Promise<N> {
    if (this.connectionBroken()) return Promise.resolve(then(undefined));
    const failed = (error: unknown): undefined => {
      this.counters.error(error);
      return undefined;
    };
    let reply: Promise<string | null>;
    try {
      reply = this.client.get(this.dataKey(key));
    } catch (error) {
      return Promise.resolve(then(failed(error)));
    }
    return reply.then(
      (text) => {
        let value: R | undefined;
        try {
          value = text === null ? undefined : decode(text);
        } catch (error) {
          value = failed(error);
        }
        return then(value);
      },
      (error: unknown) => then(failed(error)),
    );
  }

  /** True (and counted as an error) when ioredis already knows the connection is down. */
  private connectionBroken(): boolean {
    if (!BROKEN_STATES.has(this.client.status)) return false;
    this.counters.error(new Error(`Redis connection is ${this.client.status}`));
    return true;
  }

  private async attempt<R, F>(operation: () => Promise<R>, fallback: F): Promise<R | F> {
    if (this.connectionBroken()) return fallback;
    try {
      return await operation();
    } catch (error) {
      this.counters.error(error);
      return fallback;
    }
  }

  private dataKey(key: string): string {
    return this.options.keyPrefix + key;
  }

  private lockKey(key: string): string {
    return `${this.options.keyPrefix}__lock:${key}`;
  }
}
