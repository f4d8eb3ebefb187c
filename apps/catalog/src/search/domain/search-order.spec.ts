import { compareCodePoints, RELEVANCE_WEIGHTS } from './search-order';

describe('search order', () => {
  it('compares names in code point order, as Elasticsearch sorts keywords', () => {
    expect(compareCodePoints('a', 'b')).toBeLessThan(0);
    expect(compareCodePoints('苹果 2', '苹果 10')).toBeGreaterThan(0);
    expect(compareCodePoints('苹果', '苹果 1')).toBeLessThan(0);
    // U+FF5E (BMP, above the surrogates) sorts before U+1F34E (an astral apple), unlike UTF-16 order.
    expect(compareCodePoints('\uff5e', '\u{1f34e}')).toBeLessThan(0);
    expect('\uff5e' < '\u{1f34e}').toBe(false);
    expect(compareCodePoints('x', 'x')).toBe(0);
  });

  it('ranks an exact name above pinyin above initials above a typo, and sums them', () => {
    const w = RELEVANCE_WEIGHTS;
    expect(w.namePhrase).toBeGreaterThan(w.pinyin + w.initials + w.typoTolerant);
    expect(w.pinyin).toBeGreaterThan(w.initials + w.typoTolerant);
    expect(w.initials).toBeGreaterThan(w.typoTolerant);
  });
});
