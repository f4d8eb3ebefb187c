import { Logger } from '@nestjs/common';
import { ExpiredKeyPurger } from './idempotency.module';
import type { IdempotencyStore } from './idempotency.store';

const TEN_MINUTES = 10 * 60_000;

/** A store whose table holds `expired` keys past retention; every call is recorded in `calls`. */
function storeWith(expired: number, firstBatch?: Promise<void>) {
  const calls: string[] = [];
  let left = expired;
  const store = {
    purgeExpired: async (limit: number) => {
      calls.push(`purge ${limit}`);
      if (calls.length === 1 && firstBatch) await firstBatch;
      const deleted = Math.min(limit, left);
      left -= deleted;
      return deleted;
    },
    close: async () => void calls.push('close'),
  };
  return { store: store as unknown as IdempotencyStore, calls, left: () => left };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ExpiredKeyPurger', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));
  afterEach(() => jest.useRealTimers());

  it('drains a backlog larger than one batch in one run, 1000 keys per DELETE', async () => {
    const { store, calls, left } = storeWith(2500);
    const purger = new ExpiredKeyPurger(store);
    await expect(purger.purge()).resolves.toBe(2500);
    expect(left()).toBe(0);
    expect(calls).toEqual(['purge 1000', 'purge 1000', 'purge 1000']);
  });

  it('purges every 10 minutes on its own timer', async () => {
    jest.useFakeTimers();
    const { store, left } = storeWith(4200);
    const purger = new ExpiredKeyPurger(store);
    purger.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(TEN_MINUTES - 1);
    expect(left()).toBe(4200);
    await jest.advanceTimersByTimeAsync(1);
    expect(left()).toBe(0);
    await purger.onApplicationShutdown();
  });

  it('at shutdown, waits for the batch in progress, starts no other, then closes the store', async () => {
    let release!: () => void;
    const firstBatch = new Promise<void>((resolve) => (release = resolve));
    const { store, calls, left } = storeWith(5000, firstBatch);
    const purger = new ExpiredKeyPurger(store);
    const purging = purger.purge();
    await settle();
    expect(calls).toEqual(['purge 1000']); // the first batch is under way

    let closed = false;
    const shutdown = purger.onApplicationShutdown().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);

    release();
    await shutdown;
    await expect(purging).resolves.toBe(1000);
    expect(calls).toEqual(['purge 1000', 'close']);
    expect(left()).toBe(4000); // the rest waits for the next run, on whichever instance comes first
  });
});
