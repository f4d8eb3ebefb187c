/**
 * `npm run bench`: every hot path as a ratio of a raw baseline run side by side, on this machine, in this run.
 * Needs the local tier up (bash infra/local/harness up). Prints the ratio table and the large-catalog
 * reindex figures, and writes them to .cache/bench/results-<run>.md.
 *
 *   npm run bench [-- --quick] [--skus 1000000] [--small-skus 100000] [--only detail,orders,search,relay,images,reindex]
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
import { formatRatioTable, verdictOf, type RatioRow } from './support/ratio-table';
import { formatReindexTable, type ReindexRun } from './workloads/reindex-report';
import { useQuickLoad } from './workloads/load-settings';
import { orderPlacementRow } from './workloads/order-placement.bench';
import { productDetailRow } from './workloads/product-detail.bench';
import { reindexGeneratedCatalog } from './workloads/large-catalog.bench';
import { searchRow } from './workloads/search.bench';
import { imageVariantsRow } from './workloads/image-variants.bench';
import { outboxRelayRow, relayTopics } from './workloads/outbox-relay.bench';

const WORKLOADS = ['detail', 'orders', 'search', 'relay', 'images', 'reindex'] as const;
type Workload = (typeof WORKLOADS)[number];

const log = (line: string) => console.log(`bench: ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      skus: { type: 'string' },
      'small-skus': { type: 'string' },
      only: { type: 'string' },
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
  const started = Date.now();
  log(
    `run ${run.id} on ${describeMachine()}; ${quick ? 'quick' : 'full'} mode; reindex at ${smallSkus} and ${largeSkus} SKUs; logs in .cache/bench/logs`,
  );
  const rows: RatioRow[] = [];
  const reindexRuns: ReindexRun[] = [];
  const processes: BenchProcess[] = [];
  try {
    const needs = (...workloads: Workload[]) => workloads.some((w) => only.has(w));
    log('starting services (real main.ts each, own process, own schemas)');
    const [catalog, orders] = await Promise.all([
      needs('detail', 'search', 'orders')
        ? startService(run, 'catalog', PORTS.catalog, {
            SEED_DEMO_DATA: 'true',
            CACHE_DRIVER: 'redis',
            REDIS_URL: TIER.redisUrl,
            CACHE_KEY_PREFIX: run.cachePrefix,
            CATALOG_PRODUCT_CACHE_TTL_SECONDS: '3600',
            SEARCH_DRIVER: 'elasticsearch',
            ELASTICSEARCH_URL: TIER.elasticsearchUrl,
            CATALOG_SEARCH_ALIAS: run.searchAlias('products'),
          })
        : undefined,
      needs('orders')
        ? startService(run, 'orders', PORTS.orders, { SEED_DEMO_DATA: 'true', ORDERS_EXPIRY_SWEEP_MS: '0' })
        : undefined,
    ]);
    for (const p of [catalog, orders]) if (p) processes.push(p);
    if (catalog && only.has('detail')) {
      log('product detail, cache hit');
      rows.push(await productDetailRow(run, catalog));
    }
    if (orders && only.has('orders')) {
      log('order placement, 3 lines');
      rows.push(await orderPlacementRow(run, orders));
    }
    for (const p of processes.splice(0)) await p.stop();

    if (needs('search', 'reindex')) {
      log(`large catalog: ${smallSkus} SKUs generated and reindexed on a fresh catalog`);
      const small = await reindexGeneratedCatalog(run, smallSkus, PORTS.largeCatalog);
      reindexRuns.push(small.result);
      processes.push(small.catalog);
      if (only.has('search')) {
        log(`search with facets, ${smallSkus} SKUs`);
        rows.push(
          await searchRow(
            small.catalog,
            PORTS.largeCatalog,
            run.searchAlias(`catalog-${smallSkus}`),
            smallSkus,
          ),
        );
      }
      for (const p of processes.splice(0)) await p.stop();
    }
    if (only.has('images')) {
      log('image variant generation');
      const images = await startService(run, 'images', PORTS.images, {
        OBJECT_STORAGE_DRIVER: 'local',
        OBJECT_STORAGE_LOCAL_DIR: join(run.workDir, 'images'),
        IMAGES_TMP_DIR: join(run.workDir, 'images-tmp'),
        IMAGES_GC_INTERVAL_MS: '0',
      });
      processes.push(images);
      rows.push(await imageVariantsRow(run, images));
      for (const p of processes.splice(0)) await p.stop();
    }
    if (only.has('relay')) {
      log(`outbox relay to Kafka, ${relayEvents} events`);
      rows.push(await outboxRelayRow(run, relayEvents));
    }
    if (only.has('reindex')) {
      log(`large catalog: ${largeSkus} SKUs generated and reindexed on a fresh catalog`);
      const large = await reindexGeneratedCatalog(run, largeSkus, PORTS.largeCatalog + 1);
      reindexRuns.push(large.result);
      await large.catalog.stop();
    }
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
    '',
    reindex,
  ].join('\n');
  console.log(`\n${report}`);
  mkdirSync(BENCH_CACHE, { recursive: true });
  const file = join(BENCH_CACHE, `results-${run.id}.md`);
  writeFileSync(file, report + '\n');
  log(`written to ${file}`);
  if (rows.some((r) => verdictOf(r) === 'ERRORS') || reindexRuns.some((r) => r.failed > 0)) {
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
