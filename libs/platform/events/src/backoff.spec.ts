import { backoffDelayMs, InterruptibleSleep } from './backoff';

describe('backoffDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, 100, 1000))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(backoffDelayMs(1000, 100, 1000)).toBe(1000);
    expect(backoffDelayMs(0, 100, 1000)).toBe(0);
  });
});

describe('InterruptibleSleep', () => {
  it('wakes early when interrupted', async () => {
    const sleep = new InterruptibleSleep();
    const started = Date.now();
    const done = sleep.sleep(10_000);
    sleep.interrupt();
    await done;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
