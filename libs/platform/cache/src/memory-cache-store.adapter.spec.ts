import { MemoryCacheStore } from './memory-cache-store.adapter';

describe('MemoryCacheStore', () => {
  let now = 0;
  const store = (maxEntries = 100) => new MemoryCacheStore({ maxEntries, now: () => now });

  beforeEach(() => (now = 1_000_000));

  it('returns a copy of a JSON value until its TTL passes', async () => {
    const cache = store();
    const value = { sku: 'apple', tags: ['fruit'] };
    await cache.set('p:1', value, 10);
    const read = await cache.get<typeof value>('p:1');
    expect(read).toEqual(value);
    read!.tags.push('mutated');
    expect(await cache.get('p:1')).toEqual(value);
    now += 10_000;
    expect(await cache.get('p:1')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1, errors: 0 });
  });

  it('evicts the least recently used entry when full', async () => {
    const cache = store(2);
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.get('a');
    await cache.set('c', 3, 60);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe(1);
    expect(await cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('deletes one or many keys', async () => {
    const cache = store();
    await Promise.all(['a', 'b', 'c'].map((k) => cache.set(k, k, 60)));
    await cache.delete('a');
    await cache.delete(['b', 'c']);
    expect(cache.size).toBe(0);
  });

  it('takes a live value once, and never an expired one', async () => {
    const cache = store();
    await cache.set('ticket', { subject: 'agent-1' }, 30);
    await cache.set('old', 1, 30);
    expect(await cache.take('ticket')).toEqual({ subject: 'agent-1' });
    expect(await cache.take('ticket')).toBeUndefined();
    now += 30_000;
    expect(await cache.take('old')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('rejects values JSON cannot represent, as Redis would', async () => {
    await expect(store().set('f', () => 1, 60)).rejects.toThrow(TypeError);
  });

  it('runs the loader once for 50 concurrent misses and caches the result', async () => {
    const cache = store();
    let calls = 0;
    const loader = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { price: 3 };
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.getOrLoad('p:9', 60, loader)));
    expect(calls).toBe(1);
    expect(results.every((r) => r.price === 3)).toBe(true);
    await expect(cache.getOrLoad('p:9', 60, loader)).resolves.toEqual({ price: 3 });
    expect(calls).toBe(1);
  });

  it('does not cache a loader failure or an undefined result', async () => {
    const cache = store();
    await expect(cache.getOrLoad('k', 60, () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    await expect(cache.getOrLoad('k', 60, async () => undefined)).resolves.toBeUndefined();
    await expect(cache.getOrLoad('k', 60, async () => 'loaded')).resolves.toBe('loaded');
  });

  it('getOrLoadJson hands back the stored JSON text, caches null but not undefined or a failure', async () => {
    const cache = store();
    await expect(cache.getOrLoadJson('k', 60, () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    await expect(cache.getOrLoadJson('k', 60, async () => undefined)).resolves.toBeUndefined();
    await expect(cache.getOrLoadJson('k', 60, async () => null)).resolves.toBe('null');
    await expect(cache.getOrLoadJson('k', 60, async () => 'not this')).resolves.toBe('null');
    await cache.set('p', { price: 3, tags: ['a'] }, 60);
    await expect(cache.getOrLoadJson('p', 60, async () => 'not this')).resolves.toBe(
      '{"price":3,"tags":["a"]}',
    );
  });

  it.each([
    [
      'getOrLoad',
      (cache: MemoryCacheStore, load: () => Promise<string>) => cache.getOrLoad('k', 60, load),
      'stale',
    ],
    [
      'getOrLoadJson',
      (cache: MemoryCacheStore, load: () => Promise<string>) => cache.getOrLoadJson('k', 60, load),
      '"stale"',
    ],
  ] as const)(
    '%s does not cache a value whose key was deleted while it was loading',
    async (_name, getOrLoad, answer) => {
      const cache = store();
      let release!: () => void;
      const loading = getOrLoad(
        cache,
        () => new Promise<string>((resolve) => (release = () => resolve('stale'))),
      );
      await new Promise((resolve) => setImmediate(resolve));
      await cache.delete('k');
      release();
      await expect(loading).resolves.toBe(answer);
      expect(await cache.get('k')).toBeUndefined();
    },
  );
});
