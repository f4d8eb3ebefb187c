import { formatReindexTable, memoryBounded, type ReindexRun } from './reindex-report';

const reindexed = (skus: number, peakRssMiB: number): ReindexRun => ({
  skus,
  products: skus / 2,
  seconds: skus / 5000,
  failed: 0,
  cpuMs: skus * 0.1,
  peakRssMiB,
  peakHeapMiB: { rss: peakRssMiB, heapTotal: 130, heapUsed: 101.4, external: 12.6, arrayBuffers: 9 },
  nodeOptions: '--max-old-space-size=256',
  attempts: 1,
  firstHalfPeakMiB: peakRssMiB - 10,
  secondHalfPeakMiB: peakRssMiB - 20,
});

describe('reindex report', () => {
  it('accepts a peak at the largest size up to 1.3 times the smallest size peak, in any order', () => {
    expect(memoryBounded([reindexed(1_000_000, 390), reindexed(100_000, 300)])).toBe(true);
    expect(memoryBounded([reindexed(100_000, 300), reindexed(1_000_000, 391)])).toBe(false);
  });

  it('prints n/a for heap figures a catalog did not report, and (none) without NODE_OPTIONS', () => {
    const table = formatReindexTable([{ ...reindexed(100_000, 300), peakHeapMiB: null, nodeOptions: '' }]);
    expect(table).toContain('| 300 | 290 / 280 | n/a |');
    expect(table).toContain('catalog ran with NODE_OPTIONS=(none)');
  });

  it('prints docs/s per size and the bound verdict', () => {
    const table = formatReindexTable([reindexed(100_000, 300), reindexed(1_000_000, 420)]);
    expect(table).toContain(
      '| 100000 | 50000 | 20.0 | 2500 | 5000 | 200 | 0 | 1 | 300 | 290 / 280 | 101 / 130, 13 |',
    );
    expect(table).toContain(
      "catalog ran with NODE_OPTIONS=--max-old-space-size=256 (production's, charts/harvest/values.yaml)",
    );
    expect(table).toContain(
      'no growth within the 1000000-SKU reindex: 2nd-half peak ≤ 1.15 × 1st-half peak: ok (400 vs 410 MiB)',
    );
    expect(table).toContain(
      'memory bound across sizes: peak RSS at 1000000 SKUs ≤ 1.3 × peak at 100000 SKUs: MISS (420 vs 300 MiB)',
    );
  });
});
