import { loadavg } from 'node:os';
import { DEMO_FARMS, DEMO_ITEMS } from '../../apps/catalog/src/demo/demo-catalog';
import { pinyinForms } from '../../apps/catalog/src/products/product-naming';
import type { InProcessIndexStatus } from '../../apps/catalog/src/search/in-process-search-index.service';
import type { ProductSearchQuery } from '../../apps/catalog/src/search/product-search.port';
import { PORTS, type BenchRun } from '../support/bench-run';
import type { BenchProcess } from '../support/child-process';
import { productionNodeOptions, startService } from '../support/harvest-services';
import { measureAlternating, measureHttp } from '../support/load';
import type { RatioRow } from '../support/ratio-table';
import { reindexGeneratedCatalog } from './large-catalog.bench';
import { LOAD } from './load-settings';
import { searchPath } from './search-queries';

/** The issue's figures: 20 shoppers; the fallback at 10k SKUs ≥ 10× the SQL engine's 33 req/s, p99 < 100 ms. */
const CLIENTS = 20;
const DONE_WHEN = { 10_000: { reqPerSec: 330, p99Ms: 100 }, 100_000: { reqPerSec: 0, p99Ms: 200 } } as const;
const SIZES = [10_000, 100_000] as const;
const INDEX_HEAP_MIB = 1024;

/**
 * What shoppers type: a few very popular searches, and many distinct ones (every demo item by characters, one
 * character, pinyin, initials and a typo; the farms' names in pinyin; grades), some with filters and sorts.
 */
export function searchMix(): { popular: string[]; distinct: string[] } {
  const popular: Array<Partial<ProductSearchQuery>> = [
    { text: '苹果', fulfillmentCenterId: 'fc-beijing-1' },
    { text: 'pingguo' },
    { text: 'caomei', organic: true },
  ];
  const distinct: Array<Partial<ProductSearchQuery>> = [];
  const filters: Array<Partial<ProductSearchQuery>> = [
    {},
    { fulfillmentCenterId: 'fc-shanghai-1' },
    { organic: true, sort: 'price_asc' },
    { temperatureClasses: ['cool', 'chilled'] },
    { priceMinFen: 500, priceMaxFen: 5000, sort: 'newest' },
  ];
  DEMO_ITEMS.forEach((item, i) => {
    const forms = pinyinForms(item.name);
    const swapped = `${forms.compact[0]}${forms.compact[2]}${forms.compact[1]}${forms.compact.slice(3)}`;
    for (const [k, text] of [
      item.name,
      [...item.name].at(-1)!,
      forms.compact,
      forms.initials,
      swapped,
    ].entries())
      distinct.push({ text, ...filters[(i + k) % filters.length] });
  });
  for (const farm of DEMO_FARMS)
    distinct.push({ text: pinyinForms(farm.prefix).compact, sort: 'price_desc' });
  for (const grade of ['精选', 'youji', 'tj']) distinct.push({ text: grade, page: 2 });
  distinct.push({ farmIds: [DEMO_FARMS[0].id], organic: true }, { sort: 'newest' });
  return { popular: popular.map(searchPath), distinct: distinct.map(searchPath) };
}

/**
 * Search on each engine at 10k and 100k SKUs: a generated catalog indexed into Elasticsearch through catalog's
 * real reindex (large-catalog.bench.ts), and a second catalog process on the same rows with no Elasticsearch,
 * which builds its in-process index at start (build time and memory printed). Both get the same query mix
 * (4 in 10 requests one of 3 popular searches, the rest cycling through ~100 distinct ones) from 20 clients,
 * alternating rounds; the row is in-process against Elasticsearch on the same machine in the same run. Each
 * size's row is added as soon as it is measured, so a failure at 100k keeps the 10k row.
 */
export async function searchEngineRows(
  run: BenchRun,
  processes: BenchProcess[],
  log: (line: string) => void,
  rows: RatioRow[],
): Promise<void> {
  const mix = searchMix();
  for (const [i, skus] of SIZES.entries()) {
    const esPort = PORTS.largeCatalog + 10 + i;
    const localPort = PORTS.largeCatalog + 20 + i;
    log(`search engines: ${skus} SKUs generated and reindexed into Elasticsearch`);
    const withEs = await reindexGeneratedCatalog(run, skus, esPort);
    processes.push(withEs.catalog);
    log(
      `search engines: a catalog without Elasticsearch on the same ${skus} SKUs builds its in-process index`,
    );
    const dbName = `${run.database.prefix}catalog_${skus}`;
    const local = await startService(
      run,
      'catalog',
      localPort,
      {
        DB_NAME: dbName,
        EVENTS_DB_NAME: `${run.database.prefix}events_${skus}_in_process`,
        SEARCH_DRIVER: 'sql',
        CACHE_DRIVER: 'memory',
        // The index takes ~5 KiB of heap per product: the chart's 256 MiB runs out at 100k SKUs (50k products).
        NODE_OPTIONS: `${productionNodeOptions('catalog')} --max-old-space-size=${INDEX_HEAP_MIB}`,
      },
      `catalog-${skus}-in-process`,
    );
    processes.push(local);
    const index = await waitForIndex(run, localPort, local);
    log(
      `search engines:   in-process index of ${index.products} products built in ${((index.buildMs ?? 0) / 1000).toFixed(1)} s; heap grew ${Math.round(index.heapGrowthMiB ?? 0)} MiB while building, process heap ${Math.round(index.heapUsedMiB)} MiB, RSS ${Math.round(index.rssMiB)} MiB (catalog with Elasticsearch: RSS ${Math.round(withEs.catalog.peakRssMiB())} MiB peak)`,
    );
    for (const [port, engine] of [
      [localPort, 'in-process'],
      [esPort, 'elasticsearch'],
    ] as const)
      await expectEngine(port, engine, mix.popular[0]!);

    const load = (port: number, pid: number) => (round: number) => {
      let n = 0;
      return measureHttp({
        url: `http://127.0.0.1:${port}`,
        connections: CLIENTS,
        seconds: LOAD.secondsPerRound,
        warmupSeconds: round === 0 ? LOAD.warmupSeconds : 0,
        cpuPids: [pid],
        nextRequest: () => {
          const k = n++;
          return {
            path:
              k % 10 < 4
                ? mix.popular[k % mix.popular.length]!
                : mix.distinct[(k * 7) % mix.distinct.length]!,
          };
        },
      });
    };
    const [ours, es] = await measureAlternating(
      LOAD.rounds,
      load(localPort, local.pid),
      load(esPort, withEs.catalog.pid),
    );
    const goal = DONE_WHEN[skus];
    const met = ours.throughput >= goal.reqPerSec && ours.p99Ms < goal.p99Ms && ours.failed === 0;
    log(
      `search engines:   ${skus} SKUs, ${CLIENTS} clients, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' ',
        )}: in-process ${Math.round(ours.throughput)} req/s p50 ${ours.p50Ms.toFixed(0)} p99 ${ours.p99Ms.toFixed(0)} ms; Elasticsearch ${Math.round(es.throughput)} req/s p50 ${es.p50Ms.toFixed(0)} p99 ${es.p99Ms.toFixed(0)} ms; ratio ${(ours.throughput / Math.max(es.throughput, 1e-9)).toFixed(2)}×; issue 28 target (${goal.reqPerSec ? `≥ ${goal.reqPerSec} req/s, ` : ''}p99 < ${goal.p99Ms} ms) ${met ? 'met' : 'NOT met'}`,
    );
    rows.push({
      workload: `search mix, in-process vs Elasticsearch, ${skus / 1000}k SKUs`,
      unit: 'req/s',
      target: 1,
      ours,
      raw: es,
      oursRss: { 'catalog in-process': local.peakRssMiB() },
      rawRss: { 'catalog with es': withEs.catalog.peakRssMiB() },
    });
    await local.stop();
    await withEs.catalog.stop();
  }
}

async function waitForIndex(
  run: BenchRun,
  port: number,
  catalog: BenchProcess,
): Promise<InProcessIndexStatus> {
  const admin = await run.token('admin', 'bench-admin');
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/admin/search/in-process`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const status = (await response.json()) as InProcessIndexStatus;
    if (status.state === 'ready') return status;
    if (status.state === 'failed')
      throw new Error(`in-process index: ${status.error}; see ${catalog.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function expectEngine(port: number, engine: string, path: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  const body = (await response.json()) as { engine?: string; total?: number };
  if (!response.ok || body.engine !== engine || !body.total)
    throw new Error(
      `catalog :${port}${path} answered ${response.status} ${JSON.stringify(body).slice(0, 200)}`,
    );
}
