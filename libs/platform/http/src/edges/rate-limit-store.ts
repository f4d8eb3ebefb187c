import type Redis from 'ioredis';

// @fastify/rate-limit's own stores (its Redis Lua script, its LRU). The plugin gives every limiter made with
// createRateLimit a child store whose Redis keys read `<prefix>undefinedundefined-<key>` (it has no route
// there); our keys already name the policy and route, so one store serves them all and keys stay readable.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as StoreCtor<
  [boolean, boolean, Redis, string]
>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as StoreCtor<[boolean, boolean, number]>;

interface Store {
  incr(
    key: string,
    done: (error: Error | null, result?: { current: number; ttl: number }) => void,
    windowMs: number,
    max: number,
  ): void;
}
type StoreCtor<A extends unknown[]> = new (...args: A) => Store;

/**
 * In-process counters: enough for a few hundred thousand callers in a window. An evicted counter starts
 * again from zero, so the bound is generous (a flood of new keys could otherwise evict a guesser's count).
 */
const LOCAL_ENTRIES = 200_000;

/**
 * The store the plugin instantiates: one instance, whose child is itself. Keys of the `inProcess` key
 * prefixes are always counted here, the rest in Redis when there is one.
 */
export function sharedStore(redis: Redis | undefined, keyPrefix: string, inProcess: readonly string[]) {
  // No window extension on refusal (continueExceeding) and no exponential backoff: a fixed window per key.
  const local: Store = new LocalStore(false, false, LOCAL_ENTRIES);
  const shared: Store = redis ? new RedisStore(false, false, redis, keyPrefix) : local;
  const storeOf = (key: string) => (inProcess.some((prefix) => key.startsWith(prefix)) ? local : shared);
  return class SharedRateLimitStore {
    incr(...args: Parameters<Store['incr']>): void {
      storeOf(args[0]).incr(...args);
    }
    child(): SharedRateLimitStore {
      return this;
    }
  };
}
