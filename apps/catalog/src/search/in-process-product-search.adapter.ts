import SearchableMap from 'minisearch/SearchableMap';
import { compareCodePoints, RELEVANCE_WEIGHTS } from './domain/search-order';
import {
  autoFuzziness,
  containsPhrase,
  queryClauseTokens,
  restrictedEditDistance,
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

/**
 * What the index keeps of a product: the search document's filter, facet, sort and hit fields and its text (to
 * unindex it), with the creation time as a number and the completion inputs flattened.
 */
interface HeldProduct extends Omit<ProductDocument, 'createdAt' | 'suggest'> {
  id: string;
  createdAtMs: number;
  suggest: string[];
}

type TextField = 'name' | 'pinyin' | 'initials' | 'suggest';
/** Product slots holding a term (unordered). */
type Postings = number[];

/** Elasticsearch's fuzzy queries use at most this many indexed terms per query word (`max_expansions`). */
const MAX_EXPANSIONS = 50;
const HAN_ONLY = /^\p{Script=Han}+$/u;

/** The completion suggester's `simple` analyzer without separators: lower-case letters only. */
const completionForm = (text: string) => text.toLowerCase().replace(/[^\p{L}]+/gu, '');

/**
 * The embedded search engine and the fallback while Elasticsearch is away: every active product of the catalog
 * held in this process. Each text field is a term dictionary in MiniSearch's radix tree (exact, prefix and
 * typo-tolerant lookups) pointing at compact postings of product slots. Which match counts, how results rank
 * (domain/search-order.ts) and which facets are counted follow the Elasticsearch adapter's query exactly, so
 * both engines give the same answers. Writes are ordered by the product's search version, as Elasticsearch's
 * external versioning orders them.
 */
export class InProcessProductSearch implements ProductSearchEngine {
  readonly name = 'in-process' as const;
  private readonly terms: Record<TextField, SearchableMap<Postings>> = {
    name: new SearchableMap(),
    pinyin: new SearchableMap(),
    initials: new SearchableMap(),
    suggest: new SearchableMap(),
  };
  private readonly slots: Array<HeldProduct | undefined> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  /** The search version last applied per product, removed ones too (a late older write must not revive them). */
  private readonly versions = new Map<string, number>();

  get size(): number {
    return this.slotOf.size;
  }

  /** Applies what is newer than what is held (an equal version is written again, as `external_gte` does). */
  apply(entries: ReadonlyMap<string, SearchEntry>): void {
    for (const [id, { document, version }] of entries) {
      // A product this catalog never held: nothing to write (as in the Elasticsearch sync).
      if (version === null || (this.versions.get(id) ?? -1) > version) continue;
      this.versions.set(id, version);
      this.remove(id);
      if (document) this.hold(id, document);
    }
  }

  search(query: ProductSearchQuery): Promise<ProductSearchResult> {
    return Promise.resolve(this.searchNow(query));
  }

  /**
   * Completion over the same inputs as Elasticsearch's suggester (each name suffix, each pinyin suffix, the
   * initials): inputs starting with what was typed first, then (past three letters) those one edit away, each
   * by name.
   */
  suggest(prefix: string, size: number): Promise<ProductSuggestion[]> {
    const typed = completionForm(prefix);
    if (!typed) return Promise.resolve([]);
    const seen = new Set<number>();
    const ranked: HeldProduct[] = [];
    const take = (keys: Iterable<[string, Postings]>, accept: (key: string) => boolean) => {
      const found: HeldProduct[] = [];
      for (const [key, postings] of keys) {
        if (!accept(key)) continue;
        for (const slot of postings) if (!seen.has(slot) && seen.add(slot)) found.push(this.slots[slot]!);
      }
      ranked.push(...found.sort((a, b) => compareCodePoints(a.name, b.name)));
    };
    const dictionary = this.terms.suggest;
    take(dictionary.atPrefix(typed).entries(), () => true);
    if (ranked.length < size && typed.length > 3) {
      const typedChars = [...typed];
      take(dictionary.atPrefix(typedChars[0]!).entries(), (key) => {
        const chars = [...key];
        return [-1, 0, 1].some(
          (delta) =>
            chars.length >= typedChars.length + delta &&
            restrictedEditDistance(typedChars, chars.slice(0, typedChars.length + delta)) <= 1,
        );
      });
    }
    return Promise.resolve(ranked.slice(0, size).map((p) => ({ id: p.id, name: p.name })));
  }

  private hold(id: string, document: ProductDocument): void {
    const slot = this.freeSlots.pop() ?? this.slots.length;
    const held: HeldProduct = {
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
      pinyin: document.pinyin,
      initials: document.initials,
      suggest: [...new Set(document.suggest.input.map(completionForm).filter(Boolean))],
    };
    this.slots[slot] = held;
    this.slotOf.set(id, slot);
    for (const [field, terms] of textOf(held)) {
      const dictionary = this.terms[field];
      for (const term of terms) {
        const postings = dictionary.get(term);
        if (postings) postings.push(slot);
        else dictionary.set(term, [slot]);
      }
    }
  }

  private remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    for (const [field, terms] of textOf(this.slots[slot]!)) {
      const dictionary = this.terms[field];
      for (const term of terms) {
        const postings = dictionary.get(term)!;
        const at = postings.indexOf(slot);
        postings[at] = postings[postings.length - 1]!;
        postings.pop();
        if (postings.length === 0) dictionary.delete(term);
      }
    }
    this.slots[slot] = undefined;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
  }

  private searchNow(query: ProductSearchQuery): ProductSearchResult {
    const text = query.text?.trim();
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
    if (text) {
      const { matched, scores } = this.relevance(text);
      for (const slot of matched) consider(this.slots[slot]!, scores[slot]!);
    } else {
      for (const product of this.slots) if (product) consider(product, 1);
    }
    return {
      total,
      items: first
        .sorted()
        .slice((query.page - 1) * query.pageSize)
        .map(({ product }) => hitOf(product)),
      facets: facets.result(),
    };
  }

  /** The matching products' slots and scores: the weights of the kinds of match each has (domain/search-order.ts). */
  private relevance(text: string): { matched: number[]; scores: Uint8Array } {
    const words = queryClauseTokens(text);
    const scores = new Uint8Array(this.slots.length);
    const matched: number[] = [];
    const add = (slots: Iterable<number>, weight: number) => {
      for (const slot of slots) {
        if (scores[slot] === 0) matched.push(slot);
        scores[slot]! += weight;
      }
    };
    const exact = (field: TextField) => (word: string) => {
      const postings = this.terms[field].get(word);
      return postings ? [postings] : [];
    };
    add(
      this.withEvery(words.name, exact('name')).filter((slot) => this.hasPhrase(slot, words.name)),
      RELEVANCE_WEIGHTS.namePhrase,
    );
    add(this.withAny(words.pinyin, exact('pinyin')), RELEVANCE_WEIGHTS.pinyin);
    add(this.withAny(words.initials, exact('initials')), RELEVANCE_WEIGHTS.initials);
    add(
      new Set([
        ...this.withEvery(words.name, (word) => this.typoTolerant('name', word)),
        ...this.withEvery(words.name, (word) => this.typoTolerant('pinyin', word)),
      ]),
      RELEVANCE_WEIGHTS.typoTolerant,
    );
    return { matched, scores };
  }

  /** Slots having every word (each through any of the postings `lookUp` gives for it). */
  private withEvery(words: string[], lookUp: (word: string) => Postings[]): number[] {
    if (words.length === 0) return [];
    const reached = new Uint16Array(this.slots.length);
    const found: number[] = [];
    words.forEach((word, i) => {
      for (const postings of lookUp(word))
        for (const slot of postings) {
          if (reached[slot] !== i) continue;
          reached[slot] = i + 1;
          if (i === words.length - 1) found.push(slot);
        }
    });
    return found;
  }

  /** Slots having any of the words. */
  private withAny(words: string[], lookUp: (word: string) => Postings[]): number[] {
    const reached = new Uint8Array(this.slots.length);
    const found: number[] = [];
    for (const word of words)
      for (const postings of lookUp(word))
        for (const slot of postings) {
          if (reached[slot]) continue;
          reached[slot] = 1;
          found.push(slot);
        }
    return found;
  }

  /** match_phrase: the words as consecutive tokens of the name (Chinese characters: a substring of it). */
  private hasPhrase(slot: number, words: string[]): boolean {
    const name = this.slots[slot]!.name.toLowerCase();
    if (words.every((word) => HAN_ONLY.test(word)) && name.includes(words.join(''))) return true;
    return containsPhrase(standardTokens(name), words);
  }

  /**
   * The postings of the indexed terms Elasticsearch's `fuzziness: AUTO, prefix_length: 1` takes for a word:
   * same first letter, at most AUTO edits where swapping neighbours counts once, the closest 50. The radix tree
   * finds terms within Levenshtein distance (a swap costs two there), so the word's swapped forms are looked up
   * too, with the edits left.
   */
  private typoTolerant(field: TextField, word: string): Postings[] {
    const dictionary = this.terms[field];
    const allowed = autoFuzziness(word);
    if (allowed === 0) {
      const postings = dictionary.get(word);
      return postings ? [postings] : [];
    }
    const chars = [...word];
    const candidates = new Set(dictionary.fuzzyGet(word, allowed).keys());
    for (const swapped of swaps(chars))
      for (const term of dictionary.fuzzyGet(swapped, allowed - 1).keys()) candidates.add(term);
    const accepted: Array<{ term: string; boost: number }> = [];
    for (const term of candidates) {
      const termChars = [...term];
      if (termChars[0] !== chars[0]) continue;
      const edits = restrictedEditDistance(chars, termChars);
      if (edits <= allowed)
        accepted.push({ term, boost: 1 - edits / Math.min(chars.length, termChars.length) });
    }
    accepted.sort((a, b) => b.boost - a.boost || compareCodePoints(a.term, b.term));
    return accepted.slice(0, MAX_EXPANSIONS).map(({ term }) => dictionary.get(term)!);
  }
}

/** Each text field's distinct terms of a held product. */
function textOf(p: HeldProduct): Array<[TextField, Set<string>]> {
  return [
    ['name', new Set(standardTokens(p.name))],
    ['pinyin', new Set(standardTokens(p.pinyin))],
    ['initials', new Set(standardTokens(p.initials))],
    ['suggest', new Set(p.suggest)],
  ];
}

/** A word with one pair of neighbours swapped, for each pair. */
function swaps(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] === chars[i + 1]) continue;
    const copy = [...chars];
    [copy[i], copy[i + 1]] = [copy[i + 1]!, copy[i]!];
    out.push(copy.join(''));
  }
  return out;
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
