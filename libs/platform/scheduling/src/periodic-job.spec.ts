import { PeriodicJob } from './periodic-job';

/** A promise the test settles by hand: a run that is "still going" until then. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('PeriodicJob', () => {
  const warnings: string[] = [];
  const logger = { warn: (message: string) => void warnings.push(message) };

  beforeEach(() => {
    jest.useFakeTimers();
    warnings.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('runs on its timer, and never when everyMs is 0 (runNow still works)', async () => {
    const work = jest.fn(async () => 'done');
    const job = new PeriodicJob({ name: 'sweeper', everyMs: 1000, work, logger });
    job.start();
    await jest.advanceTimersByTimeAsync(3500);
    expect(work).toHaveBeenCalledTimes(3);
    await job.stop();

    const off = jest.fn(async () => 'done');
    const disabled = new PeriodicJob({ name: 'off', everyMs: 0, work: off, logger });
    disabled.start();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(off).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
    await expect(disabled.runNow()).resolves.toBe('done');
  });

  it('refuses a negative or fractional interval', () => {
    const work = async () => 0;
    expect(() => new PeriodicJob({ name: 'bad', everyMs: -1, work })).toThrow(RangeError);
    expect(() => new PeriodicJob({ name: 'bad', everyMs: 0.5, work })).toThrow(/everyMs/);
  });

  it('never overlaps: ticks during a slow run skip it, and runNow joins the run in progress', async () => {
    const gate = deferred<number>();
    let active = 0;
    let maxActive = 0;
    let started = 0;
    const work = jest.fn(async (): Promise<number> => {
      active++;
      started++;
      maxActive = Math.max(maxActive, active);
      try {
        return started === 1 ? await gate.promise : 7;
      } finally {
        active--;
      }
    });
    const job = new PeriodicJob({ name: 'slow', everyMs: 100, work, logger });
    job.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(job.busy).toBe(true);
    await jest.advanceTimersByTimeAsync(1000); // ten ticks while the first run is still going
    expect(work).toHaveBeenCalledTimes(1);

    const joined = job.runNow(async () => -1); // another caller's work: not started, joins the running one
    gate.resolve(42);
    await expect(joined).resolves.toBe(42);
    expect(job.busy).toBe(false);

    await jest.advanceTimersByTimeAsync(100);
    expect(work).toHaveBeenCalledTimes(2);
    expect(maxActive).toBe(1);
    await job.stop();
  });

  it('logs a failed run with the job name and reason, and the next tick runs again', async () => {
    let calls = 0;
    const job = new PeriodicJob({
      name: 'flaky',
      everyMs: 500,
      logger,
      work: async () => {
        calls++;
        if (calls === 1) throw new Error('database went away');
        return calls;
      },
    });
    job.start();
    await jest.advanceTimersByTimeAsync(500);
    expect(warnings).toEqual([expect.stringContaining('flaky failed')]);
    expect(warnings[0]).toContain('database went away');
    await jest.advanceTimersByTimeAsync(500);
    expect(calls).toBe(2);
    expect(warnings).toHaveLength(1);
    // A caller of runNow gets the failure itself.
    await job.stop();
    const failing = new PeriodicJob({
      name: 'direct',
      everyMs: 0,
      logger,
      work: async () => Promise.reject(new Error('nope')),
    });
    await expect(failing.runNow()).rejects.toThrow('nope');
    expect(failing.busy).toBe(false);
  });

  it('stop() aborts the running work, waits for it to finish, and no tick runs afterwards', async () => {
    const gate = deferred<void>();
    const seen: AbortSignal[] = [];
    let finished = false;
    const work = jest.fn(async (signal: AbortSignal) => {
      seen.push(signal);
      await gate.promise;
      finished = true;
    });
    const job = new PeriodicJob({ name: 'draining', everyMs: 100, work, logger });
    job.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(work).toHaveBeenCalledTimes(1);

    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(seen[0]!.aborted).toBe(true);
    expect(stopped).toBe(false); // still waiting for the run
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);

    await jest.advanceTimersByTimeAsync(1000);
    expect(work).toHaveBeenCalledTimes(1);
    job.start(); // a stopped job stays stopped
    await jest.advanceTimersByTimeAsync(1000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('stop() does not rethrow the failure of the run it waits for', async () => {
    const gate = deferred<void>();
    const job = new PeriodicJob({ name: 'dying', everyMs: 0, logger, work: () => gate.promise });
    const run = job.runNow().catch((error: Error) => error.message);
    const stopping = job.stop();
    gate.reject(new Error('connection closed'));
    await expect(stopping).resolves.toBeUndefined();
    await expect(run).resolves.toBe('connection closed');
  });
});
