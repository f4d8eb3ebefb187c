import autocannon from 'autocannon';
import { cpuMsOf } from './proc-cpu';

/** What one side of a row measured. Throughput counts only successful (2xx) answers. */
export interface Measurement {
  /** Successful operations per second. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
  /** What the failures were, e.g. "404×12, errors×3" (empty when none). */
  failures?: string;
  /**
   * CPU time (user + system) the side's server processes spent in the counted run, when their pids were given.
   * Per operation it says what a request costs even when a neighbour's load skews throughput.
   */
  cpuMs?: number;
}

export interface HttpLoad {
  url: string;
  connections: number;
  /** Seconds of load that count, after `warmupSeconds` that do not; or a fixed `amount` of requests instead. */
  seconds?: number;
  amount?: number;
  warmupSeconds: number;
  /** Mutates each request (e.g. a fresh Idempotency-Key, the next product id). */
  nextRequest?: () => {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  };
  method?: string;
  headers?: Record<string, string>;
  /** Server processes whose CPU time is sampled around the counted run (not the warm-up). */
  cpuPids?: number[];
}

/** Drives one HTTP endpoint with autocannon at fixed concurrency: a warm-up run, then the measured run. */
export async function measureHttp(load: HttpLoad): Promise<Measurement> {
  const run = (duration: number, amount?: number) =>
    autocannon({
      url: load.url,
      connections: load.connections,
      duration,
      amount,
      timeout: 30,
      method: load.method ?? 'GET',
      headers: load.headers,
      requests: load.nextRequest
        ? [{ setupRequest: (request) => ({ ...request, ...load.nextRequest!() }) }]
        : undefined,
    });
  if (load.warmupSeconds > 0) await run(load.warmupSeconds);
  const cpuBefore = load.cpuPids ? cpuMsOf(load.cpuPids) : undefined;
  const result = await run(load.seconds ?? 10, load.amount);
  const cpuMs = cpuBefore !== undefined ? cpuMsOf(load.cpuPids!) - cpuBefore : undefined;
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors;
  const failures = [
    ...Object.entries(result.statusCodeStats)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count }]) => `${code}×${count}`),
    ...(result.errors > 0 ? [`errors×${result.errors} (timeouts×${result.timeouts})`] : []),
  ].join(', ');
  return {
    failures,
    throughput: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed,
    cpuMs,
  };
}

/** CPU milliseconds per successful operation, when the side's CPU time was sampled. */
export function cpuMsPerOp(m: Measurement): number | undefined {
  return m.cpuMs !== undefined && m.ok > 0 ? m.cpuMs / m.ok : undefined;
}

/**
 * Measures two sides in alternating rounds (ours, raw, ours, raw, ...), so a neighbour's load on the shared
 * machine falls on both rather than on whichever side ran during it. Each side warms up in its first round only.
 */
export async function measureAlternating(
  rounds: number,
  ours: (round: number) => Promise<Measurement>,
  raw: (round: number) => Promise<Measurement>,
): Promise<[Measurement, Measurement]> {
  const oursRounds: Measurement[] = [];
  const rawRounds: Measurement[] = [];
  for (let round = 0; round < rounds; round++) {
    oursRounds.push(await ours(round));
    rawRounds.push(await raw(round));
  }
  return [mergeRounds(oursRounds), mergeRounds(rawRounds)];
}

/** Throughput over the rounds' total time; latency percentiles as the rounds' averages weighted by answers. */
export function mergeRounds(rounds: Measurement[]): Measurement {
  const ok = rounds.reduce((sum, m) => sum + m.ok, 0);
  const seconds = rounds.reduce((sum, m) => sum + (m.throughput > 0 ? m.ok / m.throughput : 0), 0);
  const weighted = (pick: (m: Measurement) => number) =>
    ok > 0 ? rounds.reduce((sum, m) => sum + pick(m) * m.ok, 0) / ok : 0;
  return {
    throughput: seconds > 0 ? ok / seconds : 0,
    p50Ms: weighted((m) => m.p50Ms),
    p99Ms: weighted((m) => m.p99Ms),
    ok,
    failed: rounds.reduce((sum, m) => sum + m.failed, 0),
    failures: rounds
      .map((m) => m.failures)
      .filter(Boolean)
      .join('; '),
    cpuMs: rounds.every((m) => m.cpuMs !== undefined)
      ? rounds.reduce((sum, m) => sum + m.cpuMs!, 0)
      : undefined,
  };
}

/** Runs `count` operations with at most `concurrency` in flight; for non-HTTP rows (relay, direct calls). */
export async function measureOperations(
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<void>,
): Promise<Measurement> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const t0 = process.hrtime.bigint();
        try {
          await operation(index);
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch {
          failed++;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    throughput: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    ok: latencies.length,
    failed,
  };
}

/** Nearest-rank percentile of unsorted samples; 0 for none. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}
