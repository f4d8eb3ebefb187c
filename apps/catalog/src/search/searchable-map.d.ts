/**
 * The part of MiniSearch's radix tree (`minisearch/SearchableMap`, an export of the package) the in-process
 * engine uses. The package ships its types for that entry only under the `exports` map, which this repository's
 * `moduleResolution: node` does not read.
 */
declare module 'minisearch/SearchableMap' {
  export default class SearchableMap<T> {
    get size(): number;
    get(key: string): T | undefined;
    set(key: string, value: T): this;
    delete(key: string): void;
    atPrefix(prefix: string): SearchableMap<T>;
    entries(): IterableIterator<[string, T]>;
    /** Keys within the Levenshtein distance, with their values and distances. */
    fuzzyGet(key: string, maxEditDistance: number): Map<string, [T, number]>;
  }
}
