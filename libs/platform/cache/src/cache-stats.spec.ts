import { metricsRegistry } from '@harvest/platform/observability';
import { CacheCounters } from './cache-stats';

async function counted(result: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('harvest_cache_operations_total')?.get();
  return metric?.values.find((v) => v.labels.result === result)?.value ?? 0;
}

describe('CacheCounters', () => {
  it('keeps its own snapshot and feeds the Prometheus counter by result', async () => {
    const before = { hit: await counted('hit'), miss: await counted('miss'), error: await counted('error') };
    const counters = new CacheCounters();
    counters.hit();
    counters.hit();
    counters.miss();
    counters.error(new Error("READONLY You can't write against a read only replica."));
    expect(counters.snapshot()).toMatchObject({
      hits: 2,
      misses: 1,
      loads: 0,
      errors: 1,
      lastError: { message: expect.stringContaining('READONLY') },
    });
    expect(await counted('hit')).toBe(before.hit + 2);
    expect(await counted('miss')).toBe(before.miss + 1);
    expect(await counted('error')).toBe(before.error + 1);
  });
});
