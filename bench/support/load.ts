import autocannon from 'autocannon';

/** What one side of a row measured. Throughput counts only successful (2xx) answers. */
export interface Measurement {
  /** Successful operations per second. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
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
  const result = await run(load.seconds ?? 10, load.amount);
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors;
  return {
    throughput: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed,
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
