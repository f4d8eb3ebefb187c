import type { SearchEngineName } from '../src/search/product-search.port';
import { stockChangedV1 } from '@harvest/contracts/inventory-stock-changed';
import { Database } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';
import { keyed, productBody, waitFor, type CatalogTestApp } from './catalog-test-app';

const sku = (priceFen: number, temperatureClass: string, soldBy = 'piece') => ({
  name: '标准装',
  soldBy,
  priceFen,
  temperatureClass,
  shelfLifeDays: 7,
});

/** A small catalog whose facet counts are worked out by hand in the scenarios below. */
export const FIXTURE_PRODUCTS: Array<Record<string, unknown>> = [
  productBody({
    id: 'f-apple',
    name: '红富士苹果',
    categoryId: 'fruit-pome',
    farmId: 'farm-hebei',
    skus: [{ ...sku(690, 'cool', 'weight'), id: 'f-apple-1' }],
  }),
  productBody({
    id: 'f-pear',
    name: '鸭梨',
    categoryId: 'fruit-pome',
    farmId: 'farm-beijing',
    organic: true,
    organicCertificateNo: 'ORG-1',
    skus: [sku(450, 'cool', 'weight')],
  }),
  productBody({
    id: 'f-straw',
    name: '草莓',
    categoryId: 'fruit-berries',
    farmId: 'farm-shanghai',
    organic: true,
    organicCertificateNo: 'ORG-2',
    skus: [{ ...sku(3990, 'chilled'), id: 'f-straw-1' }],
  }),
  productBody({
    id: 'f-blue',
    name: '蓝莓',
    categoryId: 'fruit-berries',
    farmId: 'farm-beijing',
    organic: true,
    organicCertificateNo: 'ORG-3',
    skus: [sku(2590, 'chilled')],
  }),
  productBody({
    id: 'f-spinach',
    name: '菠菜',
    categoryId: 'greens',
    farmId: 'farm-beijing',
    skus: [{ ...sku(690, 'chilled'), id: 'f-spinach-1' }],
  }),
  productBody({
    id: 'f-lettuce',
    name: '生菜',
    categoryId: 'greens',
    farmId: 'farm-hebei',
    skus: [sku(550, 'chilled')],
  }),
  productBody({
    id: 'f-beef',
    name: '牛腱子',
    categoryId: 'meat',
    farmId: 'farm-hebei',
    skus: [sku(6990, 'frozen', 'weight')],
  }),
  productBody({
    id: 'f-chips',
    name: '苹果脆片',
    categoryId: 'fruit-pome',
    farmId: 'farm-shanghai',
    organic: true,
    organicCertificateNo: 'ORG-4',
    skus: [sku(1290, 'ambient'), sku(12990, 'ambient')],
  }),
  productBody({
    id: 'f-jam',
    name: '草莓酱',
    categoryId: 'fruit-berries',
    farmId: 'farm-shanghai',
    status: 'draft',
    skus: [sku(1890, 'ambient')],
  }),
];

const CATEGORIES = [
  { id: 'fruit', name: '水果', minShelfLifeDaysAtDelivery: 3 },
  { id: 'fruit-pome', parentId: 'fruit', name: '苹果梨', minShelfLifeDaysAtDelivery: 5 },
  { id: 'fruit-berries', parentId: 'fruit', name: '莓果', minShelfLifeDaysAtDelivery: 2 },
  { id: 'greens', name: '叶菜', minShelfLifeDaysAtDelivery: 2 },
  { id: 'meat', name: '肉', minShelfLifeDaysAtDelivery: 2 },
];

/** Stock as orders would announce it: the strawberries are sold out in Beijing. */
const STOCK = [
  { skuId: 'f-apple-1', fulfillmentCenterId: 'fc-beijing-1', available: 10 },
  { skuId: 'f-straw-1', fulfillmentCenterId: 'fc-beijing-1', available: 0 },
  { skuId: 'f-straw-1', fulfillmentCenterId: 'fc-shanghai-1', available: 5 },
  { skuId: 'f-spinach-1', fulfillmentCenterId: 'fc-beijing-1', available: 3 },
];

export async function loadSearchFixture(t: CatalogTestApp): Promise<void> {
  const admin = await t.as('admin');
  for (const payload of CATEGORIES) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/categories',
      headers: keyed(admin),
      payload,
    });
    if (res.statusCode !== 201) throw new Error(`category ${payload.id}: ${res.body}`);
  }
  for (const payload of FIXTURE_PRODUCTS) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/products',
      headers: keyed(admin),
      payload,
    });
    if (res.statusCode !== 201) throw new Error(`product ${String(payload.id)}: ${res.body}`);
  }
  const db = t.app.get(Database);
  await db.transaction(async (em) => {
    for (const [i, level] of STOCK.entries()) {
      await t.app.get(OutboxWriter).append(em, stockChangedV1, {
        key: `${level.skuId}@${level.fulfillmentCenterId}`,
        payload: { ...level, onHand: level.available, reserved: 0, version: i + 1 },
      });
    }
  });
  await waitFor(
    'stock levels applied',
    async () =>
      Number((await db.writer.query('SELECT COUNT(*) AS n FROM sku_availability'))[0].n) === STOCK.length,
  );
}

type Search = (query: string) => Promise<{ statusCode: number; body: SearchBody }>;
export interface SearchBody {
  engine: string;
  degraded: boolean;
  total: number;
  items: Array<{ id: string }>;
  facets: Record<string, unknown>;
}

export function searchOf(t: () => CatalogTestApp): Search {
  return async (query) => {
    const res = await t().app.inject({ method: 'GET', url: `/search?${query}` });
    return { statusCode: res.statusCode, body: res.json() as SearchBody };
  };
}

/** The same expectations for both engines: exact facets on the fixture, filters, sorting, Chinese and pinyin text. */
export function defineSearchScenarios(t: () => CatalogTestApp, engine: SearchEngineName): void {
  const search = searchOf(t);

  it('counts every facet exactly over the whole catalog', async () => {
    const { statusCode, body } = await search('fulfillmentCenterId=fc-beijing-1&pageSize=50');
    expect(statusCode).toBe(200);
    expect(body).toMatchObject({ engine, degraded: false, total: 8 });
    expect(body.items.map((i) => i.id).sort()).toEqual([
      'f-apple',
      'f-beef',
      'f-blue',
      'f-chips',
      'f-lettuce',
      'f-pear',
      'f-spinach',
      'f-straw',
    ]);
    expect(body.facets).toEqual({
      category: [
        { value: 'fruit-pome', count: 3 },
        { value: 'fruit-berries', count: 2 },
        { value: 'greens', count: 2 },
        { value: 'meat', count: 1 },
      ],
      farm: [
        { value: 'farm-beijing', count: 3 },
        { value: 'farm-hebei', count: 3 },
        { value: 'farm-shanghai', count: 2 },
      ],
      temperatureClass: [
        { value: 'chilled', count: 4 },
        { value: 'cool', count: 2 },
        { value: 'ambient', count: 1 },
        { value: 'frozen', count: 1 },
      ],
      organic: [
        { value: 'false', count: 4 },
        { value: 'true', count: 4 },
      ],
      price: [
        { key: 'under-10', fromFen: 0, toFen: 1000, count: 4 },
        { key: '10-30', fromFen: 1000, toFen: 3000, count: 2 },
        { key: '30-60', fromFen: 3000, toFen: 6000, count: 1 },
        { key: '60-100', fromFen: 6000, toFen: 10000, count: 1 },
        { key: '100-and-up', fromFen: 10000, toFen: null, count: 0 },
      ],
      inStock: { fulfillmentCenterId: 'fc-beijing-1', count: 2 },
    });
  });

  it('counts facets over the filtered result: a category subtree and organic', async () => {
    const { body } = await search('category=fruit&organic=true');
    expect(body.total).toBe(4);
    expect(body.facets.farm).toEqual([
      { value: 'farm-beijing', count: 2 },
      { value: 'farm-shanghai', count: 2 },
    ]);
    expect(body.facets.inStock).toBeNull();
  });

  it('filters by temperature class, price range and in stock at my fulfillment center', async () => {
    expect(
      (await search('temperature=chilled&inStock=true&fulfillmentCenterId=fc-beijing-1')).body.items.map(
        (i) => i.id,
      ),
    ).toEqual(['f-spinach']);
    expect((await search('priceMin=1000&priceMax=3000&sort=price_asc')).body.items.map((i) => i.id)).toEqual([
      'f-chips',
      'f-blue',
    ]);
    expect(
      (
        await search('farm=farm-hebei,farm-shanghai&temperature=frozen,ambient&sort=price_desc')
      ).body.items.map((i) => i.id),
    ).toEqual(['f-beef', 'f-chips']);
  });

  it('sorts by price both ways and by newest', async () => {
    const asc = (await search('sort=price_asc&pageSize=50')).body.items.map((i) => i.id);
    expect(asc[0]).toBe('f-pear');
    expect(asc.at(-1)).toBe('f-beef');
    expect((await search('sort=price_desc&pageSize=1')).body.items.map((i) => i.id)).toEqual(['f-beef']);
    expect((await search('sort=newest&pageSize=1')).body.items.map((i) => i.id)).toEqual(['f-chips']);
  });

  it('finds Chinese names by characters, by pinyin and by initials', async () => {
    expect((await search(`q=${encodeURIComponent('苹果')}`)).body.items.map((i) => i.id).sort()).toEqual([
      'f-apple',
      'f-chips',
    ]);
    expect((await search('q=pingguo')).body.items.map((i) => i.id).sort()).toEqual(['f-apple', 'f-chips']);
    expect((await search('q=caomei')).body.items.map((i) => i.id)).toEqual(['f-straw']);
    expect((await search('q=hfspg')).body.items.map((i) => i.id)).toEqual(['f-apple']);
  });

  it('suggests names as the shopper types pinyin', async () => {
    const res = await t().app.inject({ method: 'GET', url: '/search/suggest?q=hongfu' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      engine,
      degraded: false,
      items: [{ id: 'f-apple', name: '红富士苹果' }],
    });
    // From the middle of a name: the second syllable.
    const inside = await t().app.inject({ method: 'GET', url: '/search/suggest?q=mei' });
    expect(
      inside
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual(['f-blue', 'f-straw']);
  });

  it('answers 400 naming the field for bad search input', async () => {
    for (const [query, field] of [
      ['priceMin=-1', 'priceMin'],
      ['priceMin=12.5', 'priceMin'],
      ['temperature=warm', 'temperature'],
      ['sort=cheapest', 'sort'],
      ['pageSize=1000', 'pageSize'],
      ['inStock=true', 'fulfillmentCenterId'],
      ['colour=red', 'colour'],
    ] as const) {
      const res = await t().app.inject({ method: 'GET', url: `/search?${query}` });
      expect({
        query,
        status: res.statusCode,
        fields: (res.json().errors ?? []).map((e: { field: string }) => e.field),
      }).toEqual({
        query,
        status: 400,
        fields: expect.arrayContaining([field]),
      });
    }
  });
}
