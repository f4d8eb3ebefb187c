import {
  autoFuzziness,
  containsPhrase,
  queryClauseTokens,
  restrictedEditDistance,
  standardTokens,
} from './text-analysis';

describe('the standard analyzer rules both engines share', () => {
  it('makes every Chinese character a token and a run of letters and digits one, lower-cased', () => {
    expect(standardTokens('红富士 Apple500g ×2，苹果')).toEqual([
      '红',
      '富',
      '士',
      'apple500g',
      '2',
      '苹',
      '果',
    ]);
    expect(standardTokens('  ')).toEqual([]);
  });

  it('allows AUTO edits by length: none up to 2 letters, 1 up to 5, then 2', () => {
    expect(['li', 'mei', 'caomi', 'pingguo'].map(autoFuzziness)).toEqual([0, 1, 1, 2]);
  });

  it('counts a swap of neighbours as one edit', () => {
    const d = (a: string, b: string) => restrictedEditDistance([...a], [...b]);
    expect(d('pinggou', 'pingguo')).toBe(1);
    expect(d('caomie', 'caomei')).toBe(1);
    expect(d('caomai', 'caomei')).toBe(1);
    expect(d('kitten', 'sitting')).toBe(3);
    expect(d('', 'abc')).toBe(3);
  });

  it('finds a phrase only as consecutive tokens', () => {
    expect(containsPhrase(['红', '富', '士', '苹', '果'], ['苹', '果'])).toBe(true);
    expect(containsPhrase(['苹', '果', '脆', '片'], ['苹', '片'])).toBe(false);
    expect(containsPhrase(['苹'], [])).toBe(false);
  });

  it('analyses the query per clause: pinyin without spaces', () => {
    expect(queryClauseTokens('Ping Guo')).toEqual({
      name: ['ping', 'guo'],
      pinyin: ['pingguo'],
      initials: ['ping', 'guo'],
    });
  });
});
