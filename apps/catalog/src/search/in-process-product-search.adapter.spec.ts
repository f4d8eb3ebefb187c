import { pinyinForms } from '../products/product-naming';
import { InProcessProductSearch } from './in-process-product-search.adapter';
import { productDocument, type SearchEntry } from './product-document';
import type { ProductSearchQuery } from './product-search.port';

const entry = (
  id: string,
  name: string,
  version: number,
  createdAt = '2026-12-01T00:00:00.000Z',
): SearchEntry => {
  const forms = pinyinForms(name);
  return {
    version,
    document: productDocument(
      {
        id,
        name,
        namePinyin: forms.syllables,
        namePinyinCompact: forms.compact,
        nameInitials: forms.initials,
        categoryId: 'fruit',
        farmId: 'farm-a',
        organic: false,
        status: 'active',
        imageIds: [],
        minPriceFen: 100,
        createdAt: new Date(createdAt),
        searchVersion: version,
      },
      [{ productId: id, status: 'active', temperatureClass: 'cool' }],
      { path: '/fruit/' },
      [],
    ),
  };
};
const query = (text?: string): ProductSearchQuery => ({ text, sort: 'relevance', page: 1, pageSize: 20 });
const ids = async (engine: InProcessProductSearch, text?: string) =>
  (await engine.search(query(text))).items.map((i) => i.id);

describe('the in-process search engine', () => {
  it('applies writes by search version: an older one is ignored, a removal is not revived by a late write', async () => {
    const engine = new InProcessProductSearch();
    engine.apply(new Map([['a', entry('a', '苹果', 2)]]));
    engine.apply(new Map([['a', entry('a', '草莓', 1)]]));
    expect(await ids(engine, 'pingguo')).toEqual(['a']);
    engine.apply(new Map([['a', { document: null, version: 3 }]]));
    engine.apply(new Map([['a', entry('a', '苹果', 2)]]));
    expect(await ids(engine, 'pingguo')).toEqual([]);
    expect(engine.size).toBe(0);
    engine.apply(new Map([['a', entry('a', '蓝莓', 4)]]));
    expect(await ids(engine, 'lanmei')).toEqual(['a']);
    expect(await ids(engine, 'pingguo')).toEqual([]);
  });

  it('ranks by kind of match, then newest, then name', async () => {
    const engine = new InProcessProductSearch();
    engine.apply(
      new Map([
        ['old', entry('old', '苹果', 1, '2026-01-01T00:00:00.000Z')],
        ['new', entry('new', '苹果干', 1, '2026-06-01T00:00:00.000Z')],
        ['b', entry('b', '苹果 2', 1, '2026-06-01T00:00:00.000Z')],
        ['typo', entry('typo', '平锅', 1, '2026-12-01T00:00:00.000Z')],
      ]),
    );
    // 苹果: the phrase in all three apples (newest first, then name); 平锅 (ping guo) has no such characters.
    expect(await ids(engine, '苹果')).toEqual(['b', 'new', 'old']);
    // pingguo: every one is a pinyin match; with the same weights the newest comes first.
    expect(await ids(engine, 'pingguo')).toEqual(['typo', 'b', 'new', 'old']);
    // A swapped pair is one edit: still found.
    expect((await ids(engine, 'pinggou')).sort()).toEqual(['b', 'new', 'old', 'typo']);
  });

  it('suggests from the start of a name, its pinyin or initials, and forgives one typo past three letters', async () => {
    const engine = new InProcessProductSearch();
    engine.apply(
      new Map([
        ['a', entry('a', '红富士苹果', 1)],
        ['s', entry('s', '草莓', 1)],
      ]),
    );
    expect(await engine.suggest('hongfu', 5)).toEqual([{ id: 'a', name: '红富士苹果' }]);
    expect(await engine.suggest('mei', 5)).toEqual([{ id: 's', name: '草莓' }]);
    expect(await engine.suggest('hongfy', 5)).toEqual([{ id: 'a', name: '红富士苹果' }]);
    expect(await engine.suggest('!!', 5)).toEqual([]);
  });
});
