import { demoProductId } from '../../apps/catalog/src/demo/demo-catalog';
import type { BenchRun } from '../support/bench-run';
import { PORTS, TIER } from '../support/bench-run';
import type { BenchProcess } from '../support/child-process';
import { startBaseline } from '../support/harvest-services';
import { measureAlternating, measureHttp } from '../support/load';
import type { RatioRow } from '../support/ratio-table';
import { LOAD } from './load-settings';

const DEMO_PRODUCTS = 240;

/**
 * Product detail, cache hit: catalog's GET /products/:id (Redis cache filled by a first pass over every id)
 * against a bare Fastify route reading the same keys with ioredis. Both sides cycle through the same ids.
 */
export async function productDetailRow(run: BenchRun, catalog: BenchProcess): Promise<RatioRow> {
  for (let n = 1; n <= DEMO_PRODUCTS; n++) {
    const response = await fetch(`http://127.0.0.1:${PORTS.catalog}/products/${demoProductId(n)}`);
    if (!response.ok)
      throw new Error(`catalog answered ${response.status} for ${demoProductId(n)}; see ${catalog.logFile}`);
  }
  const raw = await startBaseline(
    'raw-product-detail',
    'bench/baselines/product-detail.baseline.ts',
    PORTS.rawProductDetail,
    {
      REDIS_URL: TIER.redisUrl,
      CACHE_KEY_PREFIX: run.cachePrefix,
    },
  );
  try {
    const load = (port: number, pid: number) => (round: number) => {
      let n = 0;
      return measureHttp({
        url: `http://127.0.0.1:${port}`,
        connections: LOAD.connections,
        seconds: LOAD.secondsPerRound,
        warmupSeconds: round === 0 ? LOAD.warmupSeconds : 0,
        cpuPids: [pid],
        nextRequest: () => ({ path: `/products/${demoProductId((n++ % DEMO_PRODUCTS) + 1)}` }),
      });
    };
    const [ours, rawMeasured] = await measureAlternating(
      LOAD.rounds,
      load(PORTS.catalog, catalog.pid),
      load(PORTS.rawProductDetail, raw.pid),
    );
    return {
      workload: 'product detail, cache hit',
      unit: 'req/s',
      target: 0.8,
      ours,
      raw: rawMeasured,
      oursRss: { catalog: catalog.peakRssMiB() },
      rawRss: { 'fastify+ioredis': raw.peakRssMiB() },
    };
  } finally {
    await raw.stop();
  }
}
