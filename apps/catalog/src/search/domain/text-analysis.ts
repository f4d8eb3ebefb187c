/**
 * The text rules both search engines share, written out so the in-process engine matches what Elasticsearch
 * matches. Elasticsearch analyses name, pinyin and initials with its `standard` analyzer (Unicode word
 * segmentation, lower-cased, no stop words): every Han character is a token of its own and a run of letters and
 * digits is one token ("500g"). Its fuzzy clause uses `fuzziness: AUTO` with `prefix_length: 1` and
 * transpositions (Lucene's restricted Damerau-Levenshtein distance).
 *
 * Known differences from UAX #29 (none reachable from names the catalog generates): Hiragana, Katakana and
 * Thai runs are split like Latin words; a comma between digits ("1,000") separates tokens. A typo of two swapped
 * pairs in one word of six letters or more is found by Elasticsearch and not by the in-process engine.
 */
const TOKEN =
  /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}_])+(?:['.’](?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}_])+)*/gu;

/** The `standard` analyzer's tokens of a text, in order (positions are the array indexes). */
export function standardTokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** Edits `fuzziness: AUTO` allows a query term of this many characters: 0 up to 2, 1 up to 5, then 2. */
export function autoFuzziness(term: string): 0 | 1 | 2 {
  const length = [...term].length;
  return length <= 2 ? 0 : length <= 5 ? 1 : 2;
}

/** Optimal string alignment distance (insert, delete, substitute, swap neighbours), over code points. */
export function restrictedEditDistance(a: readonly string[], b: readonly string[]): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
    }
  }
  return rows[a.length]![b.length]!;
}

/** Whether `phrase` occurs as consecutive tokens of `tokens` (what match_phrase with slop 0 asks). */
export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let start = 0; start + phrase.length <= tokens.length; start++) {
    for (let k = 0; k < phrase.length; k++) if (tokens[start + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * The text of a query as each clause analyses it. The pinyin clause takes the query without spaces ("ping guo"
 * is typed for "pingguo"), the others as typed; the name clauses keep Chinese characters apart.
 */
export function queryClauseTokens(text: string): { name: string[]; pinyin: string[]; initials: string[] } {
  return {
    name: standardTokens(text),
    pinyin: standardTokens(text.toLowerCase().replace(/\s+/g, '')),
    initials: standardTokens(text.toLowerCase()),
  };
}
