/** One reindex of a generated catalog through catalog's real reindex path. */
export interface ReindexRun {
  skus: number;
  products: number;
  seconds: number;
  failed: number;
  /** VmHWM of the catalog process that ran only this reindex (MiB). */
  peakRssMiB: number;
  /** 2 when the first rebuild failed (e.g. Elasticsearch restarted under it) and was retried. */
  attempts: number;
}

/** Peak RSS at the largest size may exceed the smallest size's by at most this factor (stated in docs/benchmarks.md). */
export const RSS_GROWTH_BOUND = 1.3;

/** 'ok' when the largest run's peak RSS stays within RSS_GROWTH_BOUND of the smallest run's. */
export function memoryBounded(runs: ReindexRun[]): boolean {
  const bySize = [...runs].sort((a, b) => a.skus - b.skus);
  return bySize.at(-1)!.peakRssMiB <= bySize[0]!.peakRssMiB * RSS_GROWTH_BOUND;
}

export function formatReindexTable(runs: ReindexRun[]): string {
  const lines = [
    '| SKUs | products | reindex s | products/s (docs/s) | SKUs/s | failed docs | attempts | catalog peak RSS MiB |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.skus} | ${r.products} | ${r.seconds.toFixed(1)} | ${(r.products / r.seconds).toFixed(0)} | ${(r.skus / r.seconds).toFixed(0)} | ${r.failed} | ${r.attempts} | ${Math.round(r.peakRssMiB)} |`,
    ),
  ];
  if (runs.length > 1) {
    const sorted = [...runs].sort((a, b) => a.skus - b.skus);
    lines.push(
      '',
      `memory bound: peak RSS at ${sorted.at(-1)!.skus} SKUs ≤ ${RSS_GROWTH_BOUND} × peak at ${sorted[0]!.skus} SKUs: ${memoryBounded(runs) ? 'ok' : 'MISS'} (${Math.round(sorted.at(-1)!.peakRssMiB)} vs ${Math.round(sorted[0]!.peakRssMiB)} MiB)`,
    );
  }
  return lines.join('\n');
}
