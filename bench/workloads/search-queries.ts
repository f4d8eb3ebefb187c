import type { Client } from '@elastic/elasticsearch';
import { DEMO_FARMS } from '../../apps/catalog/src/demo/demo-catalog';
import { ElasticsearchProductSearch } from '../../apps/catalog/src/search/elasticsearch-product-search.adapter';
import type { ProductSearchQuery } from '../../apps/catalog/src/search/product-search.port';

/** The storefront searches the bench cycles through: text (characters, pinyin, initials), filters, facets. */
export const SEARCHES: Array<Partial<ProductSearchQuery>> = [
  { text: '苹果', fulfillmentCenterId: 'fc-beijing-1' },
  { text: 'pingguo', fulfillmentCenterId: 'fc-beijing-1' },
  { text: '橙', temperatureClasses: ['cool'] },
  { text: 'hfs', fulfillmentCenterId: 'fc-shanghai-1' },
  { farmIds: [DEMO_FARMS[0].id], organic: true, priceMinFen: 1000, priceMaxFen: 5000, sort: 'price_asc' },
  { text: '梨', farmIds: [DEMO_FARMS[1].id, DEMO_FARMS[2].id], sort: 'newest' },
];

const complete = (q: Partial<ProductSearchQuery>): ProductSearchQuery => ({
  sort: 'relevance',
  page: 1,
  pageSize: 20,
  ...q,
});

/** The same search as GET /search parameters (what the storefront sends to catalog). */
export function searchPath(q: Partial<ProductSearchQuery>): string {
  const params = new URLSearchParams();
  if (q.text) params.set('q', q.text);
  if (q.farmIds) params.set('farm', q.farmIds.join(','));
  if (q.temperatureClasses) params.set('temperature', q.temperatureClasses.join(','));
  if (q.organic !== undefined) params.set('organic', String(q.organic));
  if (q.priceMinFen !== undefined) params.set('priceMin', String(q.priceMinFen));
  if (q.priceMaxFen !== undefined) params.set('priceMax', String(q.priceMaxFen));
  if (q.fulfillmentCenterId) params.set('fulfillmentCenterId', q.fulfillmentCenterId);
  if (q.sort) params.set('sort', q.sort);
  return `/search?${params.toString()}`;
}

/**
 * The exact request catalog's Elasticsearch adapter sends for each search, captured by handing the adapter a
 * client that records instead of sending: the raw baseline replays these, so both sides ask the same thing.
 */
export async function elasticsearchRequests(alias: string): Promise<unknown[]> {
  const requests: unknown[] = [];
  const recorder = {
    search: async (request: unknown) => {
      requests.push(request);
      throw new Error('recorded');
    },
  } as unknown as Client;
  const adapter = new ElasticsearchProductSearch(recorder, alias);
  for (const q of SEARCHES) await adapter.search(complete(q)).catch(() => undefined);
  return requests;
}
