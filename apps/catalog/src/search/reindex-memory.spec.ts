import { highestMemory, memoryNowMiB, type MemoryMiB } from './reindex-memory';

const figures = (n: number): MemoryMiB => ({
  rss: n,
  heapTotal: n - 10,
  heapUsed: n - 20,
  external: n - 30,
  arrayBuffers: n - 40,
});

describe('reindex memory peaks', () => {
  it('keeps the highest of each figure separately', () => {
    const peak = highestMemory(highestMemory(null, figures(100)), { ...figures(90), external: 500 });
    expect(peak).toEqual({ ...figures(100), external: 500 });
  });

  it('reads this process in MiB', () => {
    const now = memoryNowMiB();
    expect(now.rss).toBeGreaterThan(now.heapUsed);
    expect(now.heapUsed).toBeGreaterThan(1);
    expect(now.heapUsed).toBeLessThan(process.memoryUsage().heapUsed / 1024 / 1024 + 64);
  });
});
