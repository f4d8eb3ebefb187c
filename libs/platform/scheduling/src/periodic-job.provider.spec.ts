import { Injectable, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PeriodicJobProvider } from './periodic-job.provider';

const runs: AbortSignal[] = [];
let release: () => void = () => undefined;

/** Each run records its signal and stays "in progress" until the test releases it. */
@Injectable()
class SweepJob extends PeriodicJobProvider<number> {
  constructor() {
    super({ name: 'Sweep', everyMs: 1000, logger: new Logger('Sweep') });
  }

  protected run(signal: AbortSignal): Promise<number> {
    runs.push(signal);
    return new Promise((resolve) => (release = () => resolve(runs.length)));
  }
}

describe('PeriodicJobProvider', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    runs.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  const boot = () => Test.createTestingModule({ providers: [SweepJob] }).compile();

  it('starts the timer only when Nest bootstraps the application', async () => {
    const module = await boot();
    await jest.advanceTimersByTimeAsync(5000);
    expect(runs).toHaveLength(0);
    await module.init();
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(1);
    release();
    await module.close();
  });

  it('on shutdown aborts the run in progress, waits for it, and runs no more', async () => {
    const module = await boot();
    await module.init();
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(1);
    let closed = false;
    const closing = module.close().then(() => (closed = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(runs[0]?.aborted).toBe(true);
    expect(closed).toBe(false);
    release();
    await closing;
    expect(closed).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });
});
