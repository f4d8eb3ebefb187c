import type { MemoryMiB } from '../../apps/catalog/src/search/reindex-memory';

/** One reindex of a generated catalog through catalog's real reindex path. */
export interface ReindexRun {
  skus: number;
  products: number;
  seconds: number;
  failed: number;
  /** User + system CPU of the catalog process from the reindex request to its end (includes the status polls). */
  cpuMs: number;
  /** VmHWM of the catalog process that ran only this reindex (MiB). */
  peakRssMiB: number;
  /** Highest process.memoryUsage() figures the catalog saw after its bulk batches (null: none reported). */
  peakHeapMiB: MemoryMiB | null;
  /** NODE_OPTIONS the catalog ran with (production's, from the chart). */
  nodeOptions: string;
  /** 2 when the first rebuild failed (e.g. Elasticsearch restarted under it) and was retried. */
  attempts: number;
  /** Highest RSS sampled (every 2 s) while the first / the second half of the products was indexed. */
  firstHalfPeakMiB: number;
  secondHalfPeakMiB: number;
}

/** Peak RSS at the largest size may exceed the smallest size's by at most this factor (stated in docs/benchmarks.md). */
export const RSS_GROWTH_BOUND = 1.3;

/** Within one reindex, the second half's sampled peak may exceed the first half's by at most this factor. */
export const HALF_GROWTH_BOUND = 1.15;

/** 'ok' when the largest run's peak RSS stays within RSS_GROWTH_BOUND of the smallest run's. */
export function memoryBounded(runs: ReindexRun[]): boolean {
  const bySize = [...runs].sort((a, b) => a.skus - b.skus);
  return bySize.at(-1)!.peakRssMiB <= bySize[0]!.peakRssMiB * RSS_GROWTH_BOUND;
}

export function formatReindexTable(runs: ReindexRun[]): string {
  const lines = [
    '| SKUs | products | reindex s | products/s (docs/s) | SKUs/s | catalog CPU ms / 1000 products | failed docs | attempts | catalog peak RSS MiB (VmHWM) | sampled RSS peak 1st / 2nd half MiB | peak heap used / total, external MiB |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.skus} | ${r.products} | ${r.seconds.toFixed(1)} | ${(r.products / r.seconds).toFixed(0)} | ${(r.skus / r.seconds).toFixed(0)} | ${((r.cpuMs * 1000) / r.products).toFixed(0)} | ${r.failed} | ${r.attempts} | ${Math.round(r.peakRssMiB)} | ${Math.round(r.firstHalfPeakMiB)} / ${Math.round(r.secondHalfPeakMiB)} | ${heapFigures(r.peakHeapMiB)} |`,
    ),
  ];
  const sorted = [...runs].sort((a, b) => a.skus - b.skus);
  const largest = sorted.at(-1)!;
  lines.push(
    '',
    `catalog ran with NODE_OPTIONS=${[...new Set(runs.map((r) => r.nodeOptions || '(none)'))].join(' / ')} (production's, charts/harvest/values.yaml)`,
    `no growth within the ${largest.skus}-SKU reindex: 2nd-half peak ≤ ${HALF_GROWTH_BOUND} × 1st-half peak: ${largest.secondHalfPeakMiB <= largest.firstHalfPeakMiB * HALF_GROWTH_BOUND ? 'ok' : 'MISS'} (${Math.round(largest.secondHalfPeakMiB)} vs ${Math.round(largest.firstHalfPeakMiB)} MiB)`,
  );
  if (runs.length > 1) {
    lines.push(
      `memory bound across sizes: peak RSS at ${largest.skus} SKUs ≤ ${RSS_GROWTH_BOUND} × peak at ${sorted[0]!.skus} SKUs: ${memoryBounded(runs) ? 'ok' : 'MISS'} (${Math.round(largest.peakRssMiB)} vs ${Math.round(sorted[0]!.peakRssMiB)} MiB)`,
    );
  }
  return lines.join('\n');
}

function heapFigures(peak: MemoryMiB | null): string {
  if (!peak) return 'n/a';
  return `${Math.round(peak.heapUsed)} / ${Math.round(peak.heapTotal)}, ${Math.round(peak.external)}`;
}
