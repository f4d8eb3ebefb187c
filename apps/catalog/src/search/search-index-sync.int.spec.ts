import type { Database } from '@harvest/platform/database';
import { createElasticsearchClient } from '@harvest/platform/search';
import type { CatalogConfig } from '../config/catalog.config';
import type { ProductDocument, SearchEntry } from './product-document';
import { InProcessSearchIndex } from './in-process-search-index.service';
import { SearchIndexSyncService } from './search-index-sync.service';

const ES_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';

const document: ProductDocument = {
  name: '红富士苹果',
  pinyin: 'hongfushipingguo',
  initials: 'hfspg',
  categoryId: 'cat-1',
  categoryPath: ['cat-1'],
  farmId: 'farm-1',
  organic: true,
  temperatureClasses: ['chilled'],
  minPriceFen: 1290,
  inStockAt: [],
  createdAt: '2026-11-23T00:00:00.000Z',
  imageId: null,
  suggest: { input: ['红富士苹果'] },
};

/**
 * A consumer may write a document before the start-up build has created the alias. That write must be
 * refused (and queued by `sync`), never auto-create a concrete index under the alias's name, which would
 * make every later alias swap fail with invalid_alias_name_exception.
 */
describe('search document writes before the alias exists (real Elasticsearch)', () => {
  const es = createElasticsearchClient(ES_URL, { maxRetries: 0, requestTimeoutMs: 5_000 });
  const alias = `it-catalog-sync-${process.pid}-${Date.now()}`;
  const concrete = `${alias}-v1`;
  // write() needs neither the database nor the other settings; the jobs are built but never started.
  // Elasticsearch serves, with no in-process fallback: the index is off and never builds.
  const config = {
    CATALOG_SEARCH_ALIAS: alias,
    CATALOG_SEARCH_CATCH_UP_MS: 0,
    CATALOG_SEARCH_FALLBACK: 'none',
  } as CatalogConfig;
  const sync = new SearchIndexSyncService(
    {} as Database,
    es,
    config,
    new InProcessSearchIndex({} as Database, config, es),
  );
  const entries = new Map<string, SearchEntry>([['prod-1', { document, version: 3 }]]);

  beforeAll(async () => {
    try {
      await es.cluster.health();
    } catch (error) {
      throw new Error(
        `Elasticsearch is not reachable at ${ES_URL} (${String(error)}); start it: bash infra/local/harness up elasticsearch`,
      );
    }
  });

  afterAll(async () => {
    // Without the fix the first test leaves an index named like the alias.
    await es.indices.delete({ index: [concrete, alias], ignore_unavailable: true });
    await es.close();
  });

  it('refuses the write and creates no index named like the alias', async () => {
    await expect(sync.write(entries)).rejects.toThrow(/does not exist yet/);
    expect(await es.indices.exists({ index: alias })).toBe(false);
  });

  it('refuses a delete too: Elasticsearch would create the index for an externally versioned delete', async () => {
    const deletion = new Map<string, SearchEntry>([['prod-2', { document: null, version: 4 }]]);
    await expect(sync.write(deletion)).rejects.toThrow(/does not exist yet/);
    expect(await es.indices.exists({ index: alias })).toBe(false);
  });

  it('then the alias can still be created and the same write goes to its index', async () => {
    await es.indices.create({ index: concrete, aliases: { [alias]: {} } });
    await sync.write(entries);
    const stored = await es.get<ProductDocument>({ index: alias, id: 'prod-1' });
    expect(stored._index).toBe(concrete);
    expect(stored._version).toBe(3);
    expect(stored._source?.name).toBe(document.name);
  });
});
