import type { Client } from '@elastic/elasticsearch';
import { createElasticsearchClient } from './elasticsearch-client.factory';
import { ElasticsearchIndexAdmin } from './elasticsearch-index-admin.adapter';
import { SearchHealthIndicator } from './search-health.indicator';
import {
  type BulkDocumentError,
  type BulkProgress,
  type IndexDefinition,
  ReindexAbortedError,
  type SearchDocument,
} from './search-index-admin.port';

const ES_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
// Unique per run, so parallel runs and leftovers of a crashed run never meet.
const RUN = `it-${process.pid}-${Date.now()}`;

interface Product {
  name: string;
  sku: string;
  price: number;
}

// Only what the stripped test distribution has: the standard analyzer and core field types.
const PRODUCTS: IndexDefinition = {
  mappings: {
    dynamic: 'strict',
    properties: {
      name: { type: 'text', analyzer: 'standard' },
      sku: { type: 'keyword' },
      price: { type: 'float' },
    },
  },
  settings: { number_of_shards: 1, number_of_replicas: 0 },
};

async function* products(
  count: number,
  name: (i: number) => string,
): AsyncGenerator<SearchDocument<Product>> {
  for (let i = 0; i < count; i++)
    yield { id: `p${i}`, document: { name: name(i), sku: `SKU-${i}`, price: 1 + i } };
}

describe('ElasticsearchIndexAdmin against real Elasticsearch', () => {
  let client: Client;
  let admin: ElasticsearchIndexAdmin;

  beforeAll(async () => {
    client = createElasticsearchClient(ES_URL, { maxRetries: 0, requestTimeoutMs: 5_000 });
    try {
      await client.cluster.health();
    } catch (error) {
      throw new Error(
        `Elasticsearch is not reachable at ${ES_URL} (${String(error)}). Start it with: bash infra/local/harness up elasticsearch`,
      );
    }
    admin = new ElasticsearchIndexAdmin(client);
  });

  afterAll(async () => {
    // Wildcard deletes are refused by default (action.destructive_requires_name), so delete by name.
    const leftovers = Object.keys(await client.indices.get({ index: `${RUN}*`, allow_no_indices: true }));
    if (leftovers.length > 0) await client.indices.delete({ index: leftovers });
    await client.close();
  });

  it('reports the cluster as up', async () => {
    await expect(new SearchHealthIndicator(client).check()).resolves.toMatchObject({
      up: true,
      detail: { driver: 'elasticsearch' },
    });
  });

  it('finds an indexed document with a full-text query', async () => {
    const index = await admin.createVersionedIndex(`${RUN}-fulltext`, PRODUCTS);
    expect(index).toMatch(new RegExp(`^${RUN}-fulltext_v\\d+$`));
    const result = await admin.bulkIndex(index, [
      { id: 'apple', document: { name: 'Organic Fuji Apples, 1 kg bag', sku: 'FR-1', price: 3.5 } },
      { id: 'spinach', document: { name: 'Baby spinach leaves', sku: 'VG-7', price: 2 } },
    ]);
    expect(result).toMatchObject({ indexed: 2, failed: 0, errors: [] });
    await admin.refresh(index);

    const found = await admin.search<Product>({ index, query: { match: { name: 'fuji APPLES' } } });
    expect(found.hits.hits.map((hit) => hit._id)).toEqual(['apple']);
    expect(found.hits.hits[0]!._source?.sku).toBe('FR-1');
  });

  it('reindexes into a new version, swaps the alias atomically and deletes the old version', async () => {
    const alias = `${RUN}-products`;
    const first = await admin.reindex(
      alias,
      PRODUCTS,
      products(3, (i) => `old carrot ${i}`),
    );
    expect(first.removed).toEqual([]);
    expect(await admin.aliasTargets(alias)).toEqual([first.index]);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a distinct version timestamp

    const progress: BulkProgress[] = [];
    const second = await admin.reindex(
      alias,
      PRODUCTS,
      products(1_200, (i) => `heirloom tomato ${i}`),
      {
        batchSize: 500,
        onProgress: (p) => progress.push(p),
      },
    );

    expect(second.index).not.toBe(first.index);
    expect(await admin.aliasTargets(alias)).toEqual([second.index]);
    expect(second.removed).toEqual([first.index]);
    expect(await client.indices.exists({ index: first.index })).toBe(false);
    expect(second.bulk).toMatchObject({ processed: 1_200, indexed: 1_200, failed: 0 });
    expect(progress.map((p) => p.processed)).toEqual([500, 1_000, 1_200]);
    expect(progress.every((p) => p.docsPerSecond > 0)).toBe(true);

    const tomatoes = await admin.search<Product>({
      index: alias,
      query: { match: { name: 'tomato' } },
      track_total_hits: true,
    });
    expect(tomatoes.hits.total).toEqual({ value: 1_200, relation: 'eq' });
    const carrots = await admin.search<Product>({ index: alias, query: { match: { name: 'carrot' } } });
    expect(carrots.hits.hits).toHaveLength(0);
  });

  it('reports refused documents one by one and leaves the alias alone when a reindex is aborted', async () => {
    const alias = `${RUN}-abort`;
    const live = await admin.reindex(
      alias,
      PRODUCTS,
      products(2, (i) => `pear ${i}`),
    );
    const refused: BulkDocumentError[] = [];
    const bad = [
      { id: 'good', document: { name: 'quince', sku: 'Q-1', price: 4 } },
      { id: 'bad', document: { name: 'plum', sku: 'P-1', price: 'not a number' } },
    ] as SearchDocument<Product>[];

    const attempt = admin.reindex(alias, PRODUCTS, bad, { onDocumentError: (e) => refused.push(e) });
    await expect(attempt).rejects.toBeInstanceOf(ReindexAbortedError);
    expect(refused).toEqual([
      expect.objectContaining({ id: 'bad', status: 400, type: 'document_parsing_exception' }),
    ]);
    expect(await admin.aliasTargets(alias)).toEqual([live.index]);
    const versions = Object.keys(await client.indices.get({ index: `${alias}_v*` }));
    expect(versions).toEqual([live.index]);
  });
});
