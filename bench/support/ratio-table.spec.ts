import type { Measurement } from './load';
import { formatRatioTable, ratioOf, verdictOf, type RatioRow } from './ratio-table';

const measured = (throughput: number, ok = 1000, failed = 0): Measurement => ({
  throughput,
  p50Ms: 2,
  p99Ms: 9.5,
  ok,
  failed,
});

const row = (ours: Measurement, raw: Measurement, target = 0.5): RatioRow => ({
  workload: 'product detail',
  unit: 'req/s',
  target,
  ours,
  raw,
  oursRss: { catalog: 201.4 },
  rawRss: { 'raw ioredis': 60.6 },
});

describe('ratio table', () => {
  it('divides our throughput by the raw one', () => {
    expect(ratioOf(row(measured(300), measured(1000)))).toBeCloseTo(0.3);
    expect(ratioOf(row(measured(300), measured(0, 0)))).toBe(0);
  });

  it('says ok at or above the target and MISS below it', () => {
    expect(verdictOf(row(measured(500), measured(1000)))).toBe('ok');
    expect(verdictOf(row(measured(499), measured(1000)))).toBe('MISS');
  });

  it('says ERRORS when a side failed more than 1% of its operations or did nothing', () => {
    expect(verdictOf(row(measured(900, 1000, 11), measured(1000)))).toBe('ERRORS');
    expect(verdictOf(row(measured(900, 1000, 10), measured(1000)))).toBe('ok');
    expect(verdictOf(row(measured(900), measured(0, 0)))).toBe('ERRORS');
  });

  it('prints one aligned Markdown row per workload with latencies and peak RSS of each side', () => {
    const table = formatRatioTable([row(measured(350.04), measured(1000))]).split('\n');
    expect(table).toHaveLength(3);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(table[2]).toContain('| product detail (req/s) | 350.0');
    expect(table[2]).toContain('| 0.35 ');
    expect(table[2]).toContain('| ≥ 0.50 ');
    expect(table[2]).toContain('| MISS ');
    expect(table[2]).toContain('2.0 / 9.5');
    expect(table[2]).toContain('catalog 201 / raw ioredis 61');
    expect(table[2]).toContain('| - / - ');
  });

  it("prints each side's server CPU per operation when it was sampled", () => {
    const table = formatRatioTable([
      row({ ...measured(300, 1000), cpuMs: 90 }, { ...measured(1000, 4000), cpuMs: 120_000 }),
    ]);
    expect(table).toContain('| 0.090 / 30.0 ');
  });
});
