import {
  loadSearchFixture,
  startCatalogTestApp,
  waitFor,
  type CatalogTestApp,
} from '@harvest/catalog/testing';
import { Database } from '@harvest/platform/database';
import { createElasticsearchClient } from '@harvest/platform/search';
import { CategoriesService } from '../categories/categories.service';
import { DEMO_FARMS, DEMO_ITEMS } from '../demo/demo-catalog';
import { generatedProduct, insertDemoCategories, insertGeneratedProducts } from '../demo/large-catalog';
import { pinyinForms } from '../products/product-naming';
import { ElasticsearchProductSearch } from './elasticsearch-product-search.adapter';
import { InProcessSearchIndex } from './in-process-search-index.service';
import type { ProductSearchEngine, ProductSearchQuery, ProductSearchResult } from './product-search.port';
import { SearchReindexService } from './search-reindex.service';

const ES_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
/** Generated products beside the hand-made fixture: names that share words, and created_at ties per batch. */
const GENERATED = 600;

/**
 * The same answers from both engines: one catalog (the fixture and generated products) in real Elasticsearch
 * and in this process's index, the same queries to both (Chinese characters, pinyin, initials, typos, filters,
 * every sort, later pages), and the same total, hits in the same order and the same facet counts from each.
 */
describe('Elasticsearch and the in-process index give the same answers', () => {
  const es = createElasticsearchClient(ES_URL, { maxRetries: 0, requestTimeoutMs: 10_000 });
  const alias = `it-catalog-engines-${process.pid}-${Date.now()}`;
  let t: CatalogTestApp;
  let elasticsearch: ProductSearchEngine;
  let inProcess: ProductSearchEngine;

  beforeAll(async () => {
    try {
      await es.cluster.health();
    } catch (error) {
      throw new Error(
        `Elasticsearch is not reachable at ${ES_URL} (${String(error)}); start it: bash infra/local/harness up elasticsearch`,
      );
    }
    t = await startCatalogTestApp({
      SEARCH_DRIVER: 'elasticsearch',
      ELASTICSEARCH_URL: ES_URL,
      ELASTICSEARCH_MAX_RETRIES: '0',
      CATALOG_SEARCH_ALIAS: alias,
      CATALOG_SEARCH_FALLBACK: 'in-process',
      CATALOG_SEARCH_LOCAL_REFRESH_MS: '200',
    });
    await loadSearchFixture(t);
    const db = t.app.get(Database);
    await insertDemoCategories(db);
    for (let first = 1; first <= GENERATED; first += 200)
      await insertGeneratedProducts(
        db,
        Array.from({ length: 200 }, (_, i) => generatedProduct(first + i, 2)),
      );
    // Rows written without events: Elasticsearch gets them by a reindex, the in-process index by its look.
    const reindex = t.app.get(SearchReindexService);
    await reindex.finished();
    await reindex.start();
    expect(await reindex.finished()).toMatchObject({ state: 'done' });
    elasticsearch = new ElasticsearchProductSearch(es, alias);
    inProcess = t.app.get(InProcessSearchIndex).ready();
    const all: ProductSearchQuery = {
      sort: 'newest',
      page: 1,
      pageSize: 1,
      fulfillmentCenterId: 'fc-beijing-1',
    };
    await waitFor(
      'both engines to hold the whole catalog and its stock',
      async () => {
        const [a, b] = await Promise.all([elasticsearch.search(all), inProcess.search(all)]);
        return a.total === GENERATED + 8 && b.total === a.total && sameCounts(a, b);
      },
      60_000,
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

  const both = async (query: Partial<ProductSearchQuery>) => {
    const full: ProductSearchQuery = { sort: 'relevance', page: 1, pageSize: 20, ...query };
    const [fromElasticsearch, fromInProcess] = await Promise.all([
      elasticsearch.search(full),
      inProcess.search(full),
    ]);
    return { fromElasticsearch, fromInProcess };
  };

  /** The words shoppers type for every demo item: its characters, a character, pinyin, initials, a typo. */
  const typed = DEMO_ITEMS.flatMap((item) => {
    const forms = pinyinForms(item.name);
    return [
      item.name,
      [...item.name].at(-1)!,
      forms.compact,
      forms.syllables,
      forms.initials,
      typo(forms.compact),
    ];
  });

  it('finds the same products in the same order with the same facets for every typed word', async () => {
    const differences: object[] = [];
    let found = 0;
    for (const text of [...new Set(typed)]) {
      const { fromElasticsearch, fromInProcess } = await both({ text, fulfillmentCenterId: 'fc-beijing-1' });
      if (fromElasticsearch.total > 0) found++;
      if (JSON.stringify(fromInProcess) !== JSON.stringify(fromElasticsearch))
        differences.push({
          text,
          elasticsearch: summary(fromElasticsearch),
          inProcess: summary(fromInProcess),
        });
    }
    expect(differences).toEqual([]);
    // Not agreement on nothing: almost every word finds products.
    expect(found).toBeGreaterThan(typed.length * 0.8);
  });

  it.each([
    ['characters', { text: '苹果' }],
    ['pinyin with spaces', { text: 'ping guo' }],
    ['a typo of the pinyin, letters swapped', { text: 'pinggou' }],
    ['a typo of the pinyin, a letter wrong', { text: 'caomie' }],
    ['initials', { text: 'hfspg' }],
    ['a grade and an item', { text: '精选 草莓' }],
    ['a farm prefix in pinyin', { text: pinyinForms(DEMO_FARMS[0].prefix).compact }],
    ['a number in the name', { text: '123' }],
    ['nothing like it', { text: 'zzzzqq' }],
    ['browsing, newest first', { sort: 'newest' as const }],
    ['browsing, second page', { page: 2 }],
    ['text sorted by price', { text: 'pingguo', sort: 'price_asc' as const, page: 2 }],
    ['price descending', { sort: 'price_desc' as const, pageSize: 50 }],
    ['organic and chilled', { text: 'mei', organic: true, temperatureClasses: ['chilled' as const] }],
    ['a price range', { priceMinFen: 1000, priceMaxFen: 3000, sort: 'price_asc' as const }],
    ['two farms', { farmIds: [DEMO_FARMS[0].id, DEMO_FARMS[1].id], text: 'li' }],
    ['in stock only', { fulfillmentCenterId: 'fc-beijing-1', inStockOnly: true }],
  ])('%s', async (_, query) => {
    const { fromElasticsearch, fromInProcess } = await both(query);
    expect(fromInProcess).toEqual(fromElasticsearch);
  });

  it('filters a category subtree alike', async () => {
    const categoryIds = await t.app.get(CategoriesService).subtreeIds('fruit');
    const { fromElasticsearch, fromInProcess } = await both({ categoryIds, text: 'guo' });
    expect(fromElasticsearch.total).toBeGreaterThan(0);
    expect(fromInProcess).toEqual(fromElasticsearch);
  });

  it('tolerates the same typos: a swapped pair and a wrong letter still find the product', async () => {
    for (const [text, id] of [
      ['pinggou', 'f-apple'],
      ['caomie', 'f-straw'],
      ['hongfushi', 'f-apple'],
    ] as const) {
      const { fromElasticsearch, fromInProcess } = await both({ text, pageSize: 50 });
      expect(fromInProcess.items.map((i) => i.id)).toContain(id);
      expect(fromInProcess).toEqual(fromElasticsearch);
    }
  });
});

/** The pinyin with its second and third letters swapped ("pingguo" → "pnigguo"). */
function typo(word: string): string {
  return word.length < 4 ? `${word}x` : `${word[0]}${word[2]}${word[1]}${word.slice(3)}`;
}

function summary(result: ProductSearchResult): object {
  return { total: result.total, ids: result.items.map((i) => i.id), facets: result.facets };
}

function sameCounts(a: ProductSearchResult, b: ProductSearchResult): boolean {
  return JSON.stringify(a.facets) === JSON.stringify(b.facets);
}
