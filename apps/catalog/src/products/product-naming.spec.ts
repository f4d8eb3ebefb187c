import { pinyinForms, pinyinSearchTerms } from './product-naming';

describe('pinyin of product names', () => {
  it('gives toneless syllables, the compact form and the initials', () => {
    expect(pinyinForms('红富士苹果')).toEqual({
      syllables: 'hong fu shi ping guo',
      compact: 'hongfushipingguo',
      initials: 'hfspg',
    });
  });

  it('keeps latin and digit runs as words and drops punctuation', () => {
    expect(pinyinForms('草莓 500g（盒）').syllables).toBe('cao mei 500g he');
  });

  it('lists runs of consecutive syllables so a word-level pinyin query is one token', () => {
    const terms = pinyinSearchTerms(pinyinForms('红富士苹果'));
    expect(terms.pinyin).toEqual(expect.arrayContaining(['pingguo', 'hongfushi', 'hongfushipingguo', 'guo']));
    expect(terms.initials).toEqual(expect.arrayContaining(['pg', 'hfspg', 'hfs']));
    expect(terms.pinyin).not.toContain('hongguo');
  });
});
