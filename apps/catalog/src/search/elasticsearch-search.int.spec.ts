import { createElasticsearchClient } from '@harvest/platform/search';
import { runHarness } from '@harvest/testing';
import { SearchReindexService } from './search-reindex.service';
import { SearchIndexSyncService } from './search-index-sync.service';
import {
  defineSearchScenarios,
  ensureCatalogTopics,
  keyed,
  loadSearchFixture,
  productBody,
  searchOf,
  startCatalogTestApp,
  waitFor,
  type CatalogTestApp,
} from '@harvest/catalog/testing';

const ES_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/**
 * The real tier: events through Kafka, the index on Elasticsearch, the cache on Redis. Includes stopping
 * and starting the harness Elasticsearch (restored in `finally`).
 */
describe('search on Elasticsearch, kept in sync through Kafka', () => {
  const es = createElasticsearchClient(ES_URL, { maxRetries: 0, requestTimeoutMs: 5_000 });
  const alias = `it-catalog-${process.pid}-${Date.now()}`;
  let t: CatalogTestApp;
  const search = searchOf(() => t);
  const found = async (query: string, id: string) => {
    const { statusCode, body } = await search(query);
    return statusCode === 200 && body.engine === 'elasticsearch' && body.items.some((item) => item.id === id);
  };

  beforeAll(async () => {
    try {
      await es.cluster.health();
    } catch (error) {
      throw new Error(
        `Elasticsearch is not reachable at ${ES_URL} (${String(error)}); start it: bash infra/local/harness up elasticsearch`,
      );
    }
    await ensureCatalogTopics(KAFKA_BROKERS);
    t = await startCatalogTestApp({
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS,
      EVENTS_KAFKA_SESSION_TIMEOUT_MS: '6000',
      SEARCH_DRIVER: 'elasticsearch',
      ELASTICSEARCH_URL: ES_URL,
      ELASTICSEARCH_MAX_RETRIES: '0',
      ELASTICSEARCH_REQUEST_TIMEOUT_MS: '3000',
      CATALOG_SEARCH_ALIAS: alias,
      CATALOG_SEARCH_FALLBACK: 'in-process',
      // Batches of 3: the reindex below crosses several keyset batches, each read while the last is sent.
      CATALOG_REINDEX_BATCH_SIZE: '3',
      CACHE_DRIVER: 'redis',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
    // A fresh cluster gets its index built at start.
    await waitFor(
      'the index to be created at start',
      async () => (await es.indices.existsAlias({ name: alias })) || undefined,
      30_000,
    );
    await loadSearchFixture(t);
    await waitFor(
      'the fixture and its stock to be indexed',
      async () => {
        const { body } = await search('pageSize=50&fulfillmentCenterId=fc-beijing-1');
        return body.total === 8 && (body.facets.inStock as { count: number }).count === 2;
      },
      30_000,
    );
  });

  afterAll(async () => {
    await t?.close();
    const indices = Object.keys(
      await es.indices.get({ index: `${alias}*`, allow_no_indices: true }).catch(() => ({})),
    );
    if (indices.length > 0) await es.indices.delete({ index: indices });
    await es.close();
  });

  defineSearchScenarios(() => t, 'elasticsearch');

  it('makes a new product searchable through Kafka within seconds', async () => {
    const started = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/products',
      headers: keyed(await t.as('admin')),
      payload: productBody({ id: 'k-melon', name: '哈密瓜', categoryId: 'fruit' }),
    });
    expect(res.statusCode).toBe(201);
    await waitFor('the new product in search', () => found('q=hamigua', 'k-melon'), 15_000);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('tolerates typos in pinyin and still finds Chinese names', async () => {
    expect((await search('q=pinguo')).body.items.map((i) => i.id).sort()).toEqual(['f-apple', 'f-chips']);
    expect((await search('q=caomie')).body.items.map((i) => i.id)).toEqual(['f-straw']);
    expect((await search('q=lanmai')).body.items.map((i) => i.id)).toEqual(['f-blue']);
    const suggest = await t.app.inject({ method: 'GET', url: '/search/suggest?q=pingg' });
    expect(
      suggest
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual(['f-apple', 'f-chips']);
  });

  it('reindexes into a new index and swaps the alias while queries run, with no query errors', async () => {
    const before = Object.keys(await es.indices.getAlias({ name: alias }));
    const active = (await search('pageSize=1')).body.total;
    let stop = false;
    const outcomes: string[] = [];
    const querying = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const { statusCode, body } = await search('q=pingguo&fulfillmentCenterId=fc-beijing-1');
        outcomes.push(
          statusCode === 200 && body.engine === 'elasticsearch' && !body.degraded && body.total === 2
            ? 'ok'
            : `${statusCode} ${JSON.stringify(body)}`,
        );
      }
    });
    const started = await t.app.inject({
      method: 'POST',
      url: '/admin/search/reindex',
      headers: await t.as('admin'),
    });
    expect(started.statusCode).toBe(202);
    const result = await t.app.get(SearchReindexService).finished();
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(querying);
    expect(result).toMatchObject({ state: 'done', total: active, indexed: active, failed: 0 });
    const status = await t.app.inject({
      method: 'GET',
      url: '/admin/search/reindex',
      headers: await t.as('admin'),
    });
    expect(status.json()).toMatchObject({ state: 'done', indexed: active, pendingCatchUp: 0 });
    // The process's memory peaks of this reindex, sampled after its bulk batch(es).
    const peak = status.json().peakMemoryMiB;
    expect(peak.heapUsed).toBeGreaterThan(0);
    expect(peak.heapUsed).toBeLessThanOrEqual(peak.heapTotal);
    expect(peak.rss).toBeGreaterThan(0);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
    const after = Object.keys(await es.indices.getAlias({ name: alias }));
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
  });

  it('answers from the in-process index flagged degraded while Elasticsearch is stopped, and catches up after its restart', async () => {
    runHarness('stop', 'elasticsearch');
    try {
      const down = await search('q=pingguo');
      expect(down.statusCode).toBe(200);
      expect(down.body).toMatchObject({ engine: 'in-process', degraded: true, total: 2 });
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.json()).toMatchObject({ degraded: true });
      expect(JSON.stringify(ready.json())).toContain('search');

      // A change while Elasticsearch is away is queued, and searchable (degraded) from the in-process index at once.
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/products',
        headers: keyed(await t.as('admin')),
        payload: productBody({ id: 'k-peach', name: '水蜜桃', categoryId: 'fruit' }),
      });
      expect(res.statusCode).toBe(201);
      await waitFor(
        'the change queued for catch-up',
        async () => (await t.app.get(SearchIndexSyncService).pendingCount()) > 0 || undefined,
        20_000,
      );
      expect((await search('q=shuimitao')).body).toMatchObject({
        degraded: true,
        items: [{ id: 'k-peach' }],
      });
    } finally {
      runHarness('start', 'elasticsearch');
    }
    await waitFor(
      'the queued product in the Elasticsearch index',
      () => found('q=shuimitao', 'k-peach'),
      60_000,
    );
    await waitFor(
      'the catch-up queue drained',
      async () => (await t.app.get(SearchIndexSyncService).pendingCount()) === 0,
      20_000,
    );
    expect((await search('q=shuimitao')).body).toMatchObject({ engine: 'elasticsearch', degraded: false });
  });
});
