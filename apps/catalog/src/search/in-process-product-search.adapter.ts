import MiniSearch, { type SearchOptions } from 'minisearch';
import { compareCodePoints, RELEVANCE_WEIGHTS } from './domain/search-order';
import {
  autoFuzziness,
  containsPhrase,
  fuzzyMatches,
  queryClauseTokens,
  standardTokens,
} from './domain/text-analysis';
import type { ProductDocument, SearchEntry } from './product-document';
import {
  FACET_SIZES,
  PRICE_BUCKETS,
  sortFacet,
  type FacetCount,
  type ProductSearchEngine,
  type ProductSearchHit,
  type ProductSearchQuery,
  type ProductSearchResult,
  type ProductSuggestion,
} from './product-search.port';

/** What the index keeps of a product besides its text: the filter, facet, sort and hit fields. */
interface HeldProduct {
  id: string;
  name: string;
  categoryId: string;
  categoryPath: string[];
  farmId: string;
  organic: boolean;
  temperatureClasses: string[];
  minPriceFen: number | null;
  inStockAt: string[];
  createdAtMs: number;
  imageId: string | null;
}

/** The text MiniSearch indexes: name, pinyin and initials as Elasticsearch analyses them, completion inputs. */
interface TextFields {
  id: string;
  name: string;
  pinyin: string;
  initials: string;
  suggest: string;
}

/** Already analysed query words are looked up as they are. */
const AS_GIVEN: SearchOptions = { prefix: false, fuzzy: false, tokenize: (text) => [text] };

/** The completion suggester's `simple` analyzer without separators: lower-case letters only. */
const completionForm = (text: string) => text.toLowerCase().replace(/[^\p{L}]+/gu, '');

/**
 * The embedded search engine and the fallback while Elasticsearch is away: every active product of the catalog
 * held in this process. MiniSearch (a radix-tree inverted index with typo-tolerant lookups) finds the products
 * each kind of match selects; which match counts, how results rank (domain/search-order.ts) and which facets are
 * counted follow the Elasticsearch adapter's query exactly, so both engines give the same answers.
 * Writes are ordered by the product's search version, as Elasticsearch's external versioning orders them.
 */
export class InProcessProductSearch implements ProductSearchEngine {
  readonly name = 'in-process' as const;
  private readonly text = new MiniSearch<TextFields>({
    fields: ['name', 'pinyin', 'initials', 'suggest'],
    storeFields: [],
    tokenize: (text, field) => (field === 'suggest' ? text.split('\n') : standardTokens(text)),
    processTerm: (term) => term,
    searchOptions: AS_GIVEN,
  });
  private readonly products = new Map<string, HeldProduct>();
  /** The search version last applied per product, removed ones too (a late older write must not revive them). */
  private readonly versions = new Map<string, number>();

  get size(): number {
    return this.products.size;
  }

  /** Applies what is newer than what is held (an equal version is written again, as `external_gte` does). */
  apply(entries: ReadonlyMap<string, SearchEntry>): void {
    for (const [id, { document, version }] of entries) {
      // A product this catalog never held: nothing to write (as in the Elasticsearch sync).
      if (version === null || (this.versions.get(id) ?? -1) > version) continue;
      this.versions.set(id, version);
      if (this.products.delete(id)) this.text.discard(id);
      if (document) this.hold(id, document);
    }
  }

  search(query: ProductSearchQuery): Promise<ProductSearchResult> {
    return Promise.resolve(this.searchNow(query));
  }

  /**
   * Completion over the same inputs as Elasticsearch's suggester (each name suffix, each pinyin suffix, the
   * initials), one edit allowed past three letters; prefix matches first, then by name.
   */
  suggest(prefix: string, size: number): Promise<ProductSuggestion[]> {
    const typed = completionForm(prefix);
    if (!typed) return Promise.resolve([]);
    const hits = this.text.search(typed, {
      ...AS_GIVEN,
      fields: ['suggest'],
      prefix: true,
      fuzzy: typed.length > 3 ? 1 : false,
    });
    const ranked = hits
      .map((hit) => ({
        product: this.products.get(hit.id as string)!,
        startsWith: hit.terms.some((term) => term.startsWith(typed)),
      }))
      .sort(
        (a, b) =>
          Number(b.startsWith) - Number(a.startsWith) || compareCodePoints(a.product.name, b.product.name),
      );
    return Promise.resolve(
      ranked.slice(0, size).map(({ product }) => ({ id: product.id, name: product.name })),
    );
  }

  private hold(id: string, document: ProductDocument): void {
    this.products.set(id, {
      id,
      name: document.name,
      categoryId: document.categoryId,
      categoryPath: document.categoryPath,
      farmId: document.farmId,
      organic: document.organic,
      temperatureClasses: document.temperatureClasses,
      minPriceFen: document.minPriceFen,
      inStockAt: document.inStockAt,
      createdAtMs: Date.parse(document.createdAt),
      imageId: document.imageId,
    });
    this.text.add({
      id,
      name: document.name,
      pinyin: document.pinyin,
      initials: document.initials,
      suggest: [...new Set(document.suggest.input.map(completionForm).filter(Boolean))].join('\n'),
    });
  }

  private searchNow(query: ProductSearchQuery): ProductSearchResult {
    const text = query.text?.trim();
    const scores = text ? this.relevance(text) : null;
    const keep = filterOf(query);
    const facets = new FacetCounter(query.fulfillmentCenterId);
    const first = new FirstPage(query.page * query.pageSize, comparatorOf(query));
    let total = 0;
    const consider = (product: HeldProduct, score: number) => {
      if (!keep(product)) return;
      total++;
      facets.add(product);
      first.offer({ product, score });
    };
    if (scores) for (const [id, score] of scores) consider(this.products.get(id)!, score);
    else for (const product of this.products.values()) consider(product, 1);
    return {
      total,
      items: first
        .sorted()
        .slice((query.page - 1) * query.pageSize)
        .map(({ product }) => hitOf(product)),
      facets: facets.result(),
    };
  }

  /** Each matching product's score: the weights of the kinds of match it has (domain/search-order.ts). */
  private relevance(text: string): Map<string, number> {
    const words = queryClauseTokens(text);
    const scores = new Map<string, number>();
    const add = (ids: Iterable<string>, weight: number) => {
      for (const id of ids) scores.set(id, (scores.get(id) ?? 0) + weight);
    };
    const ids = (hits: Array<{ id: unknown }>) => hits.map((hit) => hit.id as string);
    if (words.name.length > 0) {
      const all = this.text.search({ queries: words.name, combineWith: 'AND' }, { fields: ['name'] });
      add(
        ids(all).filter((id) => containsPhrase(standardTokens(this.products.get(id)!.name), words.name)),
        RELEVANCE_WEIGHTS.namePhrase,
      );
    }
    if (words.pinyin.length > 0)
      add(
        ids(this.text.search({ queries: words.pinyin, combineWith: 'OR' }, { fields: ['pinyin'] })),
        RELEVANCE_WEIGHTS.pinyin,
      );
    if (words.initials.length > 0)
      add(
        ids(this.text.search({ queries: words.initials, combineWith: 'OR' }, { fields: ['initials'] })),
        RELEVANCE_WEIGHTS.initials,
      );
    if (words.name.length > 0)
      add(
        new Set([...this.typoTolerant('name', words.name), ...this.typoTolerant('pinyin', words.name)]),
        RELEVANCE_WEIGHTS.typoTolerant,
      );
    return scores;
  }

  /**
   * Products having every word in one field within `fuzziness: AUTO`, first letter fixed. MiniSearch's lookup
   * counts edits without swaps, so it is asked for one edit more and each hit is checked with swaps counted once.
   */
  private typoTolerant(field: 'name' | 'pinyin', words: string[]): string[] {
    const hits = this.text.search(
      { queries: words, combineWith: 'AND' },
      {
        fields: [field],
        fuzzy: (term) => {
          const allowed = autoFuzziness(term);
          return allowed === 0 ? false : allowed + 1;
        },
      },
    );
    return hits
      .filter((hit) => words.every((word) => hit.terms.some((term) => fuzzyMatches(word, term))))
      .map((hit) => hit.id as string);
  }
}

function filterOf(query: ProductSearchQuery): (product: HeldProduct) => boolean {
  const categories = query.categoryIds && new Set(query.categoryIds);
  const farms = query.farmIds && new Set(query.farmIds);
  const temperatures = query.temperatureClasses && new Set<string>(query.temperatureClasses);
  const priced = query.priceMinFen !== undefined || query.priceMaxFen !== undefined;
  const stockedAt = query.inStockOnly ? query.fulfillmentCenterId : undefined;
  return (p) =>
    (!categories || p.categoryPath.some((id) => categories.has(id))) &&
    (!farms || farms.has(p.farmId)) &&
    (!temperatures || p.temperatureClasses.some((t) => temperatures.has(t))) &&
    (query.organic === undefined || p.organic === query.organic) &&
    (!priced ||
      (p.minPriceFen !== null &&
        (query.priceMinFen === undefined || p.minPriceFen >= query.priceMinFen) &&
        (query.priceMaxFen === undefined || p.minPriceFen <= query.priceMaxFen))) &&
    (!stockedAt || p.inStockAt.includes(stockedAt));
}

interface Scored {
  product: HeldProduct;
  score: number;
}

/** The sort of domain/search-order.ts; a missing price sorts last both ways. */
function comparatorOf(query: ProductSearchQuery): (a: Scored, b: Scored) => number {
  const tieBreak = (a: Scored, b: Scored) =>
    b.product.createdAtMs - a.product.createdAtMs || compareCodePoints(a.product.name, b.product.name);
  const byPrice = (direction: 1 | -1) => (a: Scored, b: Scored) => {
    const x = a.product.minPriceFen;
    const y = b.product.minPriceFen;
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x - y) * direction;
    }
    return tieBreak(a, b);
  };
  if (query.sort === 'price_asc') return byPrice(1);
  if (query.sort === 'price_desc') return byPrice(-1);
  if (query.sort === 'newest') return tieBreak;
  return (a, b) => b.score - a.score || tieBreak(a, b);
}

/** The best `limit` results in order, kept while the matches stream past (no sort of every match). */
class FirstPage {
  private readonly best: Scored[] = [];

  constructor(
    private readonly limit: number,
    private readonly compare: (a: Scored, b: Scored) => number,
  ) {}

  offer(item: Scored): void {
    const best = this.best;
    if (best.length === this.limit && this.compare(item, best[best.length - 1]!) >= 0) return;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(best[middle]!, item) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, item);
    if (best.length > this.limit) best.pop();
  }

  sorted(): Scored[] {
    return this.best;
  }
}

/** Exact counts over every match, listed like Elasticsearch's aggregations. */
class FacetCounter {
  private readonly category = new Map<string, number>();
  private readonly farm = new Map<string, number>();
  private readonly temperatureClass = new Map<string, number>();
  private readonly organic = new Map<string, number>();
  private readonly price = PRICE_BUCKETS.map(() => 0);
  private inStock = 0;

  constructor(private readonly fulfillmentCenterId: string | undefined) {}

  add(p: HeldProduct): void {
    bump(this.category, p.categoryId);
    bump(this.farm, p.farmId);
    for (const t of p.temperatureClasses) bump(this.temperatureClass, t);
    bump(this.organic, String(p.organic));
    if (p.minPriceFen !== null) {
      const price = p.minPriceFen;
      const bucket = PRICE_BUCKETS.findIndex(
        (b) => price >= b.fromFen && (b.toFen === null || price < b.toFen),
      );
      if (bucket >= 0) this.price[bucket]!++;
    }
    if (this.fulfillmentCenterId && p.inStockAt.includes(this.fulfillmentCenterId)) this.inStock++;
  }

  result(): ProductSearchResult['facets'] {
    const fc = this.fulfillmentCenterId;
    return {
      category: topTerms(this.category, FACET_SIZES.category),
      farm: topTerms(this.farm, FACET_SIZES.farm),
      temperatureClass: topTerms(this.temperatureClass, FACET_SIZES.temperatureClass),
      organic: topTerms(this.organic, FACET_SIZES.organic),
      price: PRICE_BUCKETS.map((b, i) => ({ ...b, count: this.price[i]! })),
      inStock: fc ? { fulfillmentCenterId: fc, count: this.inStock } : null,
    };
  }
}

function bump(counts: Map<string, number>, value: string): void {
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

/** The `size` values a terms aggregation keeps (count, then value), in the facet order of the port. */
function topTerms(counts: Map<string, number>, size: number): FacetCount[] {
  const all = [...counts].map(([value, count]) => ({ value, count }));
  all.sort((a, b) => b.count - a.count || compareCodePoints(a.value, b.value));
  return sortFacet(all.slice(0, size));
}

function hitOf(p: HeldProduct): ProductSearchHit {
  return {
    id: p.id,
    name: p.name,
    categoryId: p.categoryId,
    farmId: p.farmId,
    organic: p.organic,
    minPriceFen: p.minPriceFen,
    imageId: p.imageId,
  };
}
