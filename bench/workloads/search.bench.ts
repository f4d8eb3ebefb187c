import { TIER, PORTS } from '../support/bench-run';
import type { BenchProcess } from '../support/child-process';
import { startBaseline } from '../support/harvest-services';
import { measureAlternating, measureHttp } from '../support/load';
import type { RatioRow } from '../support/ratio-table';
import { LOAD } from './load-settings';
import { elasticsearchRequests, searchPath, SEARCHES } from './search-queries';

/**
 * Search with facets on a generated catalog: catalog's GET /search (validation, engine port, ES adapter,
 * facet mapping) against a bare Fastify route sending the same Elasticsearch request directly.
 */
export async function searchRow(
  catalog: BenchProcess,
  port: number,
  alias: string,
  skus: number,
): Promise<RatioRow> {
  const paths = SEARCHES.map(searchPath);
  for (const path of paths) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    const body = (await response.json()) as { engine?: string; total?: number };
    if (!response.ok || body.engine !== 'elasticsearch' || !body.total)
      throw new Error(
        `catalog ${path} answered ${response.status} ${JSON.stringify(body).slice(0, 200)}; see ${catalog.logFile}`,
      );
  }
  const raw = await startBaseline('raw-search', 'bench/baselines/search.baseline.ts', PORTS.rawSearch, {
    ELASTICSEARCH_URL: TIER.elasticsearchUrl,
    SEARCH_REQUESTS: JSON.stringify(await elasticsearchRequests(alias)),
  });
  try {
    const load = (target: number, pid: number, pathOf: (i: number) => string) => (round: number) => {
      let n = 0;
      return measureHttp({
        url: `http://127.0.0.1:${target}`,
        connections: LOAD.connections,
        seconds: LOAD.secondsPerRound,
        warmupSeconds: round === 0 ? LOAD.warmupSeconds : 0,
        cpuPids: [pid],
        nextRequest: () => ({ path: pathOf(n++ % SEARCHES.length) }),
      });
    };
    const [ours, rawMeasured] = await measureAlternating(
      LOAD.rounds,
      load(port, catalog.pid, (i) => paths[i]!),
      load(PORTS.rawSearch, raw.pid, (i) => `/search?i=${i}`),
    );
    return {
      workload: `search with facets, ${skus / 1000}k SKUs`,
      unit: 'req/s',
      target: 0.85,
      ours,
      raw: rawMeasured,
      oursRss: { catalog: catalog.peakRssMiB() },
      rawRss: { 'fastify+es client': raw.peakRssMiB() },
    };
  } finally {
    await raw.stop();
  }
}
