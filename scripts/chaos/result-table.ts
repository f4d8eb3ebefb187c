/** The table of issue 8: one row per fault, its figures, the bar and whether it held. */
import { cpus, freemem, totalmem } from 'node:os';
import type { ScenarioResult } from './scenario';

export function resultTable(results: ScenarioResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.fault}, under order load | ${r.figures.map(([name, value]) => `${name} ${value}`).join(' · ')} | ${r.bar} | ${r.pass ? 'PASS' : 'FAIL'} |`,
  );
  return ['| fault, under order load | figure | bar | result |', '|---|---|---|---|', ...rows].join('\n');
}

export function machineLine(): string {
  const gb = (bytes: number) => Math.round(bytes / 1024 ** 3);
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), ${gb(totalmem())} GB RAM (${gb(freemem())} GB free at the end), ${new Date().toISOString()}`;
}
