import { mergeRounds, percentile, type Measurement } from './load';

const round = (ok: number, seconds: number, p50Ms: number, p99Ms: number, failed = 0): Measurement => ({
  throughput: ok / seconds,
  p50Ms,
  p99Ms,
  ok,
  failed,
  failures: failed ? `500×${failed}` : '',
});

describe('mergeRounds', () => {
  it('takes throughput over the total time and latencies weighted by answers', () => {
    const merged = mergeRounds([round(300, 5, 10, 40), round(100, 5, 30, 80, 2)]);
    expect(merged.throughput).toBeCloseTo(40);
    expect(merged.p50Ms).toBeCloseTo(15);
    expect(merged.p99Ms).toBeCloseTo(50);
    expect(merged.ok).toBe(400);
    expect(merged.failed).toBe(2);
    expect(merged.failures).toBe('500×2');
  });

  it('gives zeros for rounds without answers', () => {
    expect(mergeRounds([round(0, 5, 0, 0, 3)])).toMatchObject({ throughput: 0, p50Ms: 0, ok: 0, failed: 3 });
  });
});

describe('percentile', () => {
  it('takes the nearest rank of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile([], 50)).toBe(0);
  });
});
