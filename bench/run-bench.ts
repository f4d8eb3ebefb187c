/**
 * `npm run bench`: every hot path as a ratio of a raw baseline run side by side, on this machine, in this run.
 * Needs the local tier up (bash infra/local/harness up). Prints the ratio table and the large-catalog
 * reindex figures, and writes them to .cache/bench/results-<run>.md.
 *
 *   npm run bench [-- --quick] [--skus 1000000] [--small-skus 100000] [--only detail,orders,search,engines,relay,images,reindex] [--cpu-prof] [--raw-with-key-store]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchRun, PORTS, TIER, type BenchRun } from './support/bench-run';
import { BENCH_CACHE, type BenchProcess } from './support/child-process';
import { cleanUpRun } from './support/clean-up';
import { startService } from './support/harvest-services';
import { checkTier } from './support/preflight';
import { waitForEventsToSettle } from './support/event-backlog';
import { formatFailures, formatRatioTable, verdictOf, type RatioRow } from './support/ratio-table';
import { formatReindexTable, type ReindexRun } from './workloads/reindex-report';
import { useQuickLoad } from './workloads/load-settings';
import { orderPlacementRow } from './workloads/order-placement.bench';
import { productDetailRow } from './workloads/product-detail.bench';
import { reindexGeneratedCatalog } from './workloads/large-catalog.bench';
import { searchRow } from './workloads/search.bench';
import { searchEngineRows } from './workloads/search-engines.bench';
import { imageVariantsRow } from './workloads/image-variants.bench';
import { outboxRelayRow, relayTopics } from './workloads/outbox-relay.bench';

const WORKLOADS = ['detail', 'orders', 'search', 'engines', 'relay', 'images', 'reindex'] as const;
type Workload = (typeof WORKLOADS)[number];

const log = (line: string) => console.log(`bench: ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      skus: { type: 'string' },
      'small-skus': { type: 'string' },
      only: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'raw-with-key-store': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick!;
  if (quick) useQuickLoad();
  const largeSkus = positiveInt('--skus', values.skus ?? (quick ? '100000' : '1000000'));
  const smallSkus = positiveInt('--small-skus', values['small-skus'] ?? (quick ? '20000' : '100000'));
  const relayEvents = quick ? 5000 : 20000;
  const only = new Set((values.only?.split(',') ?? WORKLOADS) as Workload[]);
  for (const w of only) if (!WORKLOADS.includes(w)) fail(`--only takes ${WORKLOADS.join(',')}; got ${w}`);

  await checkTier();
  const run = await startBenchRun();
  // Each service process writes a V8 CPU profile on exit (open in Chrome DevTools) to see what dominates a row.
  if (values['cpu-prof'])
    run.serviceNodeArgs.push('--cpu-prof', `--cpu-prof-dir=${join(BENCH_CACHE, 'profiles')}`);
  const started = Date.now();
  log(
    `run ${run.id} on ${describeMachine()}; ${quick ? 'quick' : 'full'} mode; reindex at ${smallSkus} and ${largeSkus} SKUs; logs in .cache/bench/logs`,
  );
  const rows: RatioRow[] = [];
  const reindexRuns: ReindexRun[] = [];
  const failures: string[] = [];
  const processes: BenchProcess[] = [];
  const needs = (...workloads: Workload[]) => workloads.some((w) => only.has(w));
  /** One stage: a failure is reported and the next stage still runs; its processes are stopped either way. */
  const stage = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
      console.error(`bench: ${name} failed: ${(error as Error).message}`);
    } finally {
      for (const p of processes.splice(0)) await p.stop();
    }
  };
  try {
    if (needs('detail', 'orders'))
      await stage('product detail and order placement', async () => {
        log('starting catalog and orders (real main.ts each, own process, own schemas, demo data)');
        const started = await Promise.all([
          startService(run, 'catalog', PORTS.catalog, {
            SEED_DEMO_DATA: 'true',
            CACHE_DRIVER: 'redis',
            REDIS_URL: TIER.redisUrl,
            CACHE_KEY_PREFIX: run.cachePrefix,
            CATALOG_PRODUCT_CACHE_TTL_SECONDS: '3600',
            SEARCH_DRIVER: 'elasticsearch',
            ELASTICSEARCH_URL: TIER.elasticsearchUrl,
            CATALOG_SEARCH_ALIAS: run.searchAlias('products'),
          }),
          startService(run, 'orders', PORTS.orders, { SEED_DEMO_DATA: 'true', ORDERS_EXPIRY_SWEEP_MS: '0' }),
        ]);
        processes.push(...started);
        const [catalog, orders] = started;
        log("waiting for the demo seeds' events to be relayed and consumed");
        const prefix = run.database.prefix;
        await waitForEventsToSettle(`${prefix}events`, [`${prefix}catalog`, `${prefix}orders`]);
        if (only.has('detail')) {
          log('product detail, cache hit');
          rows.push(await productDetailRow(run, catalog));
        }
        if (only.has('orders')) {
          log('order placement, 3 lines');
          rows.push(await orderPlacementRow(run, orders, values['raw-with-key-store']));
        }
      });
    if (needs('search', 'reindex'))
      await stage(`reindex ${smallSkus} SKUs and search`, async () => {
        log(`large catalog: ${smallSkus} SKUs generated and reindexed on a fresh catalog`);
        const small = await reindexGeneratedCatalog(run, smallSkus, PORTS.largeCatalog);
        processes.push(small.catalog);
        reindexRuns.push(small.result);
        if (only.has('search')) {
          log(`search with facets, ${smallSkus} SKUs`);
          const alias = run.searchAlias(`catalog-${smallSkus}`);
          rows.push(await searchRow(small.catalog, PORTS.largeCatalog, alias, smallSkus));
        }
      });
    if (only.has('engines'))
      await stage('search on each engine at 10k and 100k SKUs', async () => {
        await searchEngineRows(run, processes, log, rows);
      });
    if (only.has('images'))
      await stage('image variants', async () => {
        log('image variant generation');
        const images = await startService(run, 'images', PORTS.images, {
          OBJECT_STORAGE_DRIVER: 'local',
          OBJECT_STORAGE_LOCAL_DIR: join(run.workDir, 'images'),
          IMAGES_TMP_DIR: join(run.workDir, 'images-tmp'),
          IMAGES_GC_INTERVAL_MS: '0',
        });
        processes.push(images);
        rows.push(await imageVariantsRow(run, images));
      });
    if (only.has('relay'))
      await stage('outbox relay', async () => {
        log(`outbox relay to Kafka, ${relayEvents} events`);
        rows.push(await outboxRelayRow(run, relayEvents));
      });
    if (only.has('reindex'))
      await stage(`reindex ${largeSkus} SKUs`, async () => {
        log(`large catalog: ${largeSkus} SKUs generated and reindexed on a fresh catalog`);
        const large = await reindexGeneratedCatalog(run, largeSkus, PORTS.largeCatalog + 1);
        processes.push(large.catalog);
        reindexRuns.push(large.result);
      });
  } finally {
    for (const p of processes) await p.stop();
    await cleanUpRun(run, relayTopics(run));
  }

  const table = formatRatioTable(rows);
  const reindex = reindexRuns.length > 0 ? formatReindexTable(reindexRuns) : '';
  const report = [
    `Run ${run.id}, ${new Date().toISOString()}, ${describeMachine()}, ${quick ? 'quick' : 'full'} mode, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    '',
    table,
    ...formatFailures(rows),
    '',
    reindex,
    ...failures.map((f) => `FAILED ${f}`),
  ].join('\n');
  console.log(`\n${report}`);
  mkdirSync(BENCH_CACHE, { recursive: true });
  const file = join(BENCH_CACHE, `results-${run.id}.md`);
  writeFileSync(file, report + '\n');
  log(`written to ${file}`);
  if (
    failures.length > 0 ||
    rows.some((r) => verdictOf(r) === 'ERRORS') ||
    reindexRuns.some((r) => r.failed > 0)
  ) {
    console.error('bench: a workload failed to run (see ERRORS above and .cache/bench/logs)');
    process.exitCode = 1;
  }
}

function describeMachine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} must be a positive integer, got ${value}`);
  return n;
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(64);
}

main().catch((error: Error) => {
  console.error(`bench: failed: ${error.message}`);
  process.exit(1);
});

export type { BenchRun };
