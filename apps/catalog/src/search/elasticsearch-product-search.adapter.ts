import type { Client, estypes } from '@elastic/elasticsearch';
import { RELEVANCE_WEIGHTS } from './domain/search-order';
import type { ProductDocument } from './product-document';
import {
  FACET_SIZES,
  PRICE_BUCKETS,
  sortFacet,
  type FacetCount,
  type ProductSearchEngine,
  type ProductSearchQuery,
  type ProductSearchResult,
  type ProductSuggestion,
} from './product-search.port';

type Aggs = Record<string, estypes.AggregationsAggregate>;

/**
 * Full text over name, pinyin and initials with fuzziness, ranked by fixed weights per kind of match
 * (domain/search-order.ts); filters, exact facets (one shard), sorting, completion.
 */
export class ElasticsearchProductSearch implements ProductSearchEngine {
  readonly name = 'elasticsearch' as const;

  constructor(
    private readonly client: Client,
    private readonly alias: string,
  ) {}

  async search(query: ProductSearchQuery): Promise<ProductSearchResult> {
    const fc = query.fulfillmentCenterId;
    const response = await this.client.search<ProductDocument>({
      index: this.alias,
      from: (query.page - 1) * query.pageSize,
      size: query.pageSize,
      track_total_hits: true,
      query: { bool: { must: textQuery(query.text), filter: filters(query) } },
      sort: sortOf(query),
      _source: ['name', 'categoryId', 'farmId', 'organic', 'minPriceFen', 'imageId'],
      aggs: {
        category: { terms: { field: 'categoryId', size: FACET_SIZES.category } },
        farm: { terms: { field: 'farmId', size: FACET_SIZES.farm } },
        temperatureClass: { terms: { field: 'temperatureClasses', size: FACET_SIZES.temperatureClass } },
        organic: { terms: { field: 'organic', size: FACET_SIZES.organic } },
        price: {
          range: {
            field: 'minPriceFen',
            ranges: PRICE_BUCKETS.map((b) => ({
              key: b.key,
              from: b.fromFen,
              ...(b.toFen === null ? {} : { to: b.toFen }),
            })),
          },
        },
        ...(fc ? { inStock: { filter: { term: { inStockAt: fc } } } } : {}),
      },
    });
    const aggs = (response.aggregations ?? {}) as Aggs;
    const total = response.hits.total;
    const priceBuckets = ((aggs.price as estypes.AggregationsRangeAggregate | undefined)?.buckets ??
      []) as estypes.AggregationsRangeBucket[];
    return {
      total: typeof total === 'number' ? total : (total?.value ?? 0),
      items: response.hits.hits.map((hit) => {
        const doc = hit._source!;
        return {
          id: hit._id!,
          name: doc.name,
          categoryId: doc.categoryId,
          farmId: doc.farmId,
          organic: doc.organic,
          minPriceFen: doc.minPriceFen,
          imageId: doc.imageId,
        };
      }),
      facets: {
        category: termsFacet(aggs.category),
        farm: termsFacet(aggs.farm),
        temperatureClass: termsFacet(aggs.temperatureClass),
        organic: termsFacet(aggs.organic, true),
        price: PRICE_BUCKETS.map((b) => ({
          ...b,
          count: priceBuckets.find((x) => x.key === b.key)?.doc_count ?? 0,
        })),
        inStock: fc
          ? {
              fulfillmentCenterId: fc,
              count: (aggs.inStock as estypes.AggregationsFilterAggregate).doc_count,
            }
          : null,
      },
    };
  }

  async suggest(prefix: string, size: number): Promise<ProductSuggestion[]> {
    const response = await this.client.search<ProductDocument>({
      index: this.alias,
      size: 0,
      _source: ['name'],
      suggest: {
        product: {
          prefix: prefix.toLowerCase(),
          completion: {
            field: 'suggest',
            // Not skip_duplicates: it merges different products with the same input ("mei" of 草莓 and 蓝莓).
            size: size * 3,
            fuzzy: { fuzziness: prefix.length > 3 ? 1 : 0 },
          },
        },
      },
    });
    const options = (response.suggest?.product?.[0]?.options ??
      []) as estypes.SearchCompletionSuggestOption<ProductDocument>[];
    const seen = new Set<string>();
    return options
      .filter((option) => option._id && !seen.has(option._id) && seen.add(option._id))
      .slice(0, size)
      .map((option) => ({ id: option._id!, name: option._source?.name ?? option.text }));
  }
}

function textQuery(text: string | undefined): estypes.QueryDslQueryContainer[] {
  const q = text?.trim();
  if (!q) return [{ match_all: {} }];
  // Each kind of match adds a fixed weight (domain/search-order.ts): the in-process engine adds the same ones.
  const weighted = (boost: number, query: estypes.QueryDslQueryContainer) => ({
    constant_score: { filter: query, boost },
  });
  return [
    {
      bool: {
        should: [
          weighted(RELEVANCE_WEIGHTS.namePhrase, { match_phrase: { name: q } }),
          weighted(RELEVANCE_WEIGHTS.pinyin, { match: { pinyin: q.toLowerCase().replace(/\s+/g, '') } }),
          weighted(RELEVANCE_WEIGHTS.initials, { match: { initials: q.toLowerCase() } }),
          weighted(RELEVANCE_WEIGHTS.typoTolerant, {
            multi_match: {
              query: q,
              fields: ['name', 'pinyin'],
              fuzziness: 'AUTO',
              prefix_length: 1,
              operator: 'and',
            },
          }),
        ],
        minimum_should_match: 1,
      },
    },
  ];
}

function filters(query: ProductSearchQuery): estypes.QueryDslQueryContainer[] {
  const out: estypes.QueryDslQueryContainer[] = [];
  if (query.categoryIds) out.push({ terms: { categoryPath: query.categoryIds } });
  if (query.farmIds) out.push({ terms: { farmId: query.farmIds } });
  if (query.temperatureClasses) out.push({ terms: { temperatureClasses: query.temperatureClasses } });
  if (query.organic !== undefined) out.push({ term: { organic: query.organic } });
  if (query.priceMinFen !== undefined || query.priceMaxFen !== undefined) {
    out.push({ range: { minPriceFen: { gte: query.priceMinFen, lte: query.priceMaxFen } } });
  }
  if (query.inStockOnly && query.fulfillmentCenterId)
    out.push({ term: { inStockAt: query.fulfillmentCenterId } });
  return out;
}

function sortOf(query: ProductSearchQuery): estypes.Sort {
  // Newest first, then name: the tiebreak of domain/search-order.ts.
  const tieBreak: estypes.SortCombinations[] = [
    { createdAt: { order: 'desc' } },
    { 'name.raw': { order: 'asc' } },
  ];
  if (query.sort === 'price_asc') return [{ minPriceFen: { order: 'asc', missing: '_last' } }, ...tieBreak];
  if (query.sort === 'price_desc') return [{ minPriceFen: { order: 'desc', missing: '_last' } }, ...tieBreak];
  if (query.sort === 'newest') return tieBreak;
  return ['_score', ...tieBreak];
}

function termsFacet(aggregate: estypes.AggregationsAggregate | undefined, booleans = false): FacetCount[] {
  const buckets = ((aggregate as estypes.AggregationsStringTermsAggregate | undefined)?.buckets ??
    []) as Array<{
    key: string | number;
    key_as_string?: string;
    doc_count: number;
  }>;
  return sortFacet(
    buckets.map((b) => ({
      value: booleans ? (b.key_as_string ?? String(b.key === 1)) : String(b.key),
      count: b.doc_count,
    })),
  );
}
