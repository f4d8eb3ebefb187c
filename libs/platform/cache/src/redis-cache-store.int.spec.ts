import { createServer } from 'node:net';
import Redis from 'ioredis';
import { CacheHealthIndicator } from './cache-health.indicator';
import type { CacheStore } from './cache-store.port';
import { MemoryCacheStore } from './memory-cache-store.adapter';
import { RedisCacheStore } from './redis-cache-store.adapter';
import { createRedisClient } from './redis-client.factory';

// The shared plain Redis: never flushed; everything this run writes lives under its own prefix.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test:cache-int:${process.pid}-${Date.now()}:`;

const redisStore = (prefix = PREFIX) =>
  new RedisCacheStore(createRedisClient({ url: REDIS_URL }), { keyPrefix: prefix });

/** A port nothing listens on: bind an ephemeral port, then release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function slowLoader<T>(value: T, ms = 200) {
  let calls = 0;
  const load = async () => {
    calls++;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return value;
  };
  return { load, calls: () => calls };
}

describe('RedisCacheStore against real Redis', () => {
  const stores: CacheStore[] = [];
  const open = (store: RedisCacheStore) => (stores.push(store), store);
  let admin: Redis;

  beforeAll(async () => {
    admin = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await admin.connect();
      await admin.ping();
    } catch (error) {
      throw new Error(
        `Redis is not reachable at ${REDIS_URL} (${String(error)}). Start it with: bash infra/local/harness up redis`,
      );
    }
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    const keys: string[] = [];
    for await (const batch of admin.scanStream({ match: `${PREFIX}*`, count: 500 }))
      keys.push(...(batch as string[]));
    if (keys.length > 0) await admin.del(...keys);
    admin.disconnect();
  });

  it('stores JSON with a TTL under the service prefix and deletes many keys at once', async () => {
    const cache = open(redisStore());
    expect(await cache.set('product:1', { name: 'kale', grams: 250 }, 30)).toBe(true);
    expect(await cache.get('product:1')).toEqual({ name: 'kale', grams: 250 });
    const ttl = await admin.pttl(`${PREFIX}product:1`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    await cache.set('product:2', 2, 30);
    expect(await cache.delete(['product:1', 'product:2'])).toBe(true);
    expect(await admin.exists(`${PREFIX}product:1`, `${PREFIX}product:2`)).toBe(0);
    expect(await cache.get('product:1')).toBeUndefined();
  });

  it('take hands a value to exactly one of two processes taking it at once, then it is gone', async () => {
    const [a, b] = [open(redisStore()), open(redisStore())];
    await a.set('ticket:1', { subject: 'agent-1' }, 30);
    const taken = await Promise.all([a.take('ticket:1'), b.take('ticket:1')]);
    expect(taken.filter((v) => v !== undefined)).toEqual([{ subject: 'agent-1' }]);
    expect(await admin.exists(`${PREFIX}ticket:1`)).toBe(0);
    expect(await a.take('ticket:1')).toBeUndefined();
  });

  it.each([
    ['in-process', () => new MemoryCacheStore({ maxEntries: 100 }) as CacheStore],
    ['redis', () => open(redisStore()) as CacheStore],
  ])('%s: 50 concurrent misses call the loader exactly once', async (_name, make) => {
    const cache = make();
    const loader = slowLoader({ price: 199 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => cache.getOrLoad('stampede:one', 60, loader.load)),
    );
    expect(loader.calls()).toBe(1);
    expect(results).toEqual(Array.from({ length: 50 }, () => ({ price: 199 })));
    expect(await cache.get('stampede:one')).toEqual({ price: 199 });
  });

  it.each([
    ['in-process', () => new MemoryCacheStore({ maxEntries: 100 }) as CacheStore],
    ['redis', () => open(redisStore()) as CacheStore],
  ])(
    '%s: getOrLoadJson loads once for 50 concurrent misses and hands back the stored text',
    async (_name, make) => {
      const cache = make();
      const loader = slowLoader({ name: '菠菜', priceFen: 690 });
      const texts = await Promise.all(
        Array.from({ length: 50 }, () => cache.getOrLoadJson('json:one', 60, loader.load)),
      );
      expect(loader.calls()).toBe(1);
      expect(texts).toEqual(Array.from({ length: 50 }, () => '{"name":"菠菜","priceFen":690}'));
      expect(await cache.get('json:one')).toEqual({ name: '菠菜', priceFen: 690 });
      const hitsBefore = cache.stats().hits;
      await expect(cache.getOrLoadJson('json:one', 60, loader.load)).resolves.toBe(texts[0]);
      expect(cache.stats().hits).toBe(hitsBefore + 1);
      expect(loader.calls()).toBe(1);
    },
  );

  it("getOrLoadJson of another process waits on the Redis lock and gets the holder's text", async () => {
    const a = open(redisStore());
    const b = open(redisStore());
    const loader = slowLoader([1, 2], 300);
    const texts = await Promise.all([
      a.getOrLoad('json:cross', 60, loader.load).then((value) => JSON.stringify(value)),
      b.getOrLoadJson('json:cross', 60, loader.load),
    ]);
    expect(texts).toEqual(['[1,2]', '[1,2]']);
    expect(loader.calls()).toBe(1);
  });

  it('two processes (separate clients) missing together share one load through the Redis lock', async () => {
    const a = open(redisStore());
    const b = open(redisStore());
    const loader = slowLoader('fresh', 300);
    const calls = [...Array.from({ length: 25 }, () => a), ...Array.from({ length: 25 }, () => b)].map(
      (store) => store.getOrLoad('stampede:cross', 60, loader.load),
    );
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 50 }, () => 'fresh'));
    expect(loader.calls()).toBe(1);
    expect(await admin.exists(`${PREFIX}__lock:stampede:cross`)).toBe(0);
  });

  it('a waiter loads by itself when the lock holder never publishes within the wait bound', async () => {
    await admin.set(`${PREFIX}__lock:orphan`, 'crashed-holder', 'PX', 10_000);
    const cache = open(
      new RedisCacheStore(createRedisClient({ url: REDIS_URL }), {
        keyPrefix: PREFIX,
        lock: { waitMs: 300 },
      }),
    );
    const started = Date.now();
    await expect(cache.getOrLoad('orphan', 60, async () => 'own')).resolves.toBe('own');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a stored value that does not decode is an error and a miss: getOrLoad loads and replaces it', async () => {
    const cache = open(redisStore());
    await admin.set(`${PREFIX}garbled`, '{not json', 'EX', 60);
    const before = cache.stats();
    await expect(cache.getOrLoad('garbled', 60, async () => ({ fresh: true }))).resolves.toEqual({
      fresh: true,
    });
    const after = cache.stats();
    expect(after.errors - before.errors).toBe(1);
    expect(after.misses - before.misses).toBe(1);
    expect(after.loads - before.loads).toBe(1);
    await expect(cache.get('garbled')).resolves.toEqual({ fresh: true });
  });

  it('a Redis outage gives misses and false, never an exception, and shows in stats and health', async () => {
    const port = await closedPort();
    const cache = open(
      new RedisCacheStore(createRedisClient({ url: `redis://127.0.0.1:${port}` }), { keyPrefix: PREFIX }),
    );
    const started = Date.now();
    await expect(cache.get('anything')).resolves.toBeUndefined();
    await expect(cache.set('anything', 1, 60)).resolves.toBe(false);
    await expect(cache.delete(['a', 'b'])).resolves.toBe(false);
    await expect(cache.getOrLoad('anything', 60, async () => 'from-database')).resolves.toBe('from-database');
    await expect(cache.getOrLoadJson('anything', 60, async () => ({ a: 1 }))).resolves.toBe('{"a":1}');
    expect(Date.now() - started).toBeLessThan(10_000);

    const stats = cache.stats();
    expect(stats.errors).toBeGreaterThanOrEqual(4);
    expect(stats.lastError?.message).toBeTruthy();
    const health = await new CacheHealthIndicator('redis', cache).check();
    expect(health.up).toBe(false);
    expect(health.detail).toMatchObject({ driver: 'redis', errors: stats.errors });
  });
});
