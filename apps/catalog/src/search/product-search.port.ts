import type { TemperatureClass } from '@harvest/contracts/produce';

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** A validated storefront search, with the category already expanded to its subtree. */
export interface ProductSearchQuery {
  text?: string;
  categoryIds?: string[];
  farmIds?: string[];
  temperatureClasses?: TemperatureClass[];
  organic?: boolean;
  priceMinFen?: number;
  priceMaxFen?: number;
  /** The shopper's fulfillment center: its in-stock count is a facet; with `inStockOnly` it is a filter too. */
  fulfillmentCenterId?: string;
  inStockOnly?: boolean;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

export interface ProductSearchHit {
  id: string;
  name: string;
  categoryId: string;
  farmId: string;
  organic: boolean;
  minPriceFen: number | null;
  imageId: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface PriceBucketCount {
  key: string;
  fromFen: number;
  toFen: number | null;
  count: number;
}

/** Counts over every product matching the whole query (all filters applied), exact. */
export interface SearchFacets {
  category: FacetCount[];
  farm: FacetCount[];
  temperatureClass: FacetCount[];
  organic: FacetCount[];
  price: PriceBucketCount[];
  inStock: { fulfillmentCenterId: string; count: number } | null;
}

export interface ProductSearchResult {
  total: number;
  items: ProductSearchHit[];
  facets: SearchFacets;
}

export interface ProductSuggestion {
  id: string;
  name: string;
}

export type SearchEngineName = 'elasticsearch' | 'in-process';

/** One search engine behind the storefront: Elasticsearch, or the index each catalog instance holds in memory. */
export interface ProductSearchEngine {
  readonly name: SearchEngineName;
  search(query: ProductSearchQuery): Promise<ProductSearchResult>;
  suggest(prefix: string, size: number): Promise<ProductSuggestion[]>;
}

/** Price facet buckets in fen (per piece or per 500 g, the cheapest SKU): [from, to). */
export const PRICE_BUCKETS: ReadonlyArray<{ key: string; fromFen: number; toFen: number | null }> = [
  { key: 'under-10', fromFen: 0, toFen: 1_000 },
  { key: '10-30', fromFen: 1_000, toFen: 3_000 },
  { key: '30-60', fromFen: 3_000, toFen: 6_000 },
  { key: '60-100', fromFen: 6_000, toFen: 10_000 },
  { key: '100-and-up', fromFen: 10_000, toFen: null },
];

/**
 * How many values each term facet lists at most: the busiest ones (count, then value), as Elasticsearch's terms
 * aggregation keeps them.
 */
export const FACET_SIZES = { category: 1000, farm: 100, temperatureClass: 10, organic: 2 } as const;

/** Facet lists ordered the same way by both engines: by count, then value. */
export function sortFacet(counts: FacetCount[]): FacetCount[] {
  return counts
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
