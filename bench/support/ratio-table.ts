import { cpuMsPerOp, type Measurement } from './load';

/** One workload: our service against its raw baseline, measured in the same run at the same concurrency. */
export interface RatioRow {
  workload: string;
  unit: string;
  /** ours / raw throughput must reach this. */
  target: number;
  ours: Measurement;
  raw: Measurement;
  /** Peak RSS (MiB) per process of each side, e.g. { orders: 210 } and { 'raw mysql2': 70 }. */
  oursRss: Record<string, number>;
  rawRss: Record<string, number>;
}

/** Share of failed operations above which a side counts as not having run properly. */
export const MAX_FAILED_SHARE = 0.01;

export type Verdict = 'ok' | 'MISS' | 'ERRORS';

export function ratioOf(row: Pick<RatioRow, 'ours' | 'raw'>): number {
  return row.raw.throughput > 0 ? row.ours.throughput / row.raw.throughput : 0;
}

export function failedTooOften(m: Measurement): boolean {
  return m.ok === 0 || m.failed / (m.ok + m.failed) > MAX_FAILED_SHARE;
}

/** ERRORS when either side failed to run; otherwise whether the ratio reached its target. */
export function verdictOf(row: RatioRow): Verdict {
  if (failedTooOften(row.ours) || failedTooOften(row.raw)) return 'ERRORS';
  return ratioOf(row) >= row.target ? 'ok' : 'MISS';
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const rss = (byProcess: Record<string, number>) =>
  Object.entries(byProcess)
    .map(([name, mib]) => `${name} ${Math.round(mib)}`)
    .join(', ');

const cpu = (m: Measurement) => {
  const perOp = cpuMsPerOp(m);
  return perOp === undefined ? '-' : fixed(perOp, perOp < 1 ? 3 : 1);
};

/** The ratio table as Markdown (readable on a terminal too). */
export function formatRatioTable(rows: RatioRow[]): string {
  const header = [
    'workload',
    'ours /s',
    'raw /s',
    'ratio',
    'target',
    'verdict',
    'ours p50 / p99 ms',
    'raw p50 / p99 ms',
    'ok (failed) ours / raw',
    'server CPU ms/op ours / raw',
    'peak RSS MiB ours / raw',
  ];
  const lines = rows.map((row) => [
    `${row.workload} (${row.unit})`,
    fixed(row.ours.throughput, 1),
    fixed(row.raw.throughput, 1),
    fixed(ratioOf(row), 2),
    `≥ ${fixed(row.target, 2)}`,
    verdictOf(row),
    `${fixed(row.ours.p50Ms, 1)} / ${fixed(row.ours.p99Ms, 1)}`,
    `${fixed(row.raw.p50Ms, 1)} / ${fixed(row.raw.p99Ms, 1)}`,
    `${row.ours.ok} (${row.ours.failed}) / ${row.raw.ok} (${row.raw.failed})`,
    `${cpu(row.ours)} / ${cpu(row.raw)}`,
    `${rss(row.oursRss)} / ${rss(row.rawRss)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}

/** One line per side that had failures, saying what they were. */
export function formatFailures(rows: RatioRow[]): string[] {
  return rows.flatMap((row) =>
    (['ours', 'raw'] as const)
      .filter((side) => row[side].failed > 0)
      .map((side) => `failures in ${row.workload}, ${side}: ${row[side].failures || `${row[side].failed}`}`),
  );
}
