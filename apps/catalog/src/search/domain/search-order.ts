/**
 * The order of search results, one definition for both engines so they return the same first page.
 *
 * Relevance is a sum of fixed weights, one per kind of match, not BM25: BM25 depends on term statistics each
 * engine keeps its own way (Elasticsearch's per segment and including deleted documents), so two engines holding
 * the same products would still rank them differently. A product scores
 *   8 when the query's characters occur in its name as typed (a phrase),
 *   + 4 when a word of the query without spaces is one of its pinyin runs ("pingguo" for 苹果),
 *   + 2 when a word of the query is one of its initials runs ("hfspg"),
 *   + 1 when every query word is in its name, or every one in its pinyin, within the typo allowance.
 * Ties (and every sort that is not relevance) are broken by newest first, then by name in code point order
 * (Elasticsearch's keyword order), which is unique in any real catalog. Products with the same name created in
 * the same millisecond are the one case the two engines may order differently.
 */
export const RELEVANCE_WEIGHTS = { namePhrase: 8, pinyin: 4, initials: 2, typoTolerant: 1 } as const;

/** Code point order of two strings (UTF-16 order differs from it only beyond the Basic Multilingual Plane). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (0xD800-0xDFFF, halves of code points above 0xFFFF) rank above the rest of the BMP. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}
