import {
  keyed,
  startCatalogTestApp,
  productBody,
  waitFor,
  type CatalogTestApp,
} from '@harvest/catalog/testing';
import { productChangedV1 } from '@harvest/contracts/catalog-product-changed';
import { Database } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';

/** Admin writes, concurrency, validation, roles, events and the cached storefront detail (MariaDB, Redis, embedded events). */
describe('catalog products (admin and storefront)', () => {
  let t: CatalogTestApp;
  let admin: { authorization: string };

  beforeAll(async () => {
    t = await startCatalogTestApp({
      CACHE_DRIVER: 'redis',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SEARCH_DRIVER: 'sql',
    });
    admin = await t.as('admin');
    for (const category of [
      { id: 'fruit', name: '水果', minShelfLifeDaysAtDelivery: 3 },
      { id: 'fruit-pome', parentId: 'fruit', name: '苹果梨', minShelfLifeDaysAtDelivery: 5 },
      { id: 'greens', name: '叶菜', minShelfLifeDaysAtDelivery: 2 },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/categories',
        headers: keyed(admin),
        payload: category,
      });
      expect(res.statusCode).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Every product-changed event written so far has been handled by the consumer. */
  const productEventsSettled = () =>
    waitFor('product-changed events to be handled', async () => {
      const [{ sent }] = await t.app
        .get(Database)
        .writer.query("SELECT COUNT(*) AS sent FROM outbox_event WHERE topic = 'catalog.product-changed'");
      const [{ handled }] = await t.app
        .get(Database)
        .writer.query("SELECT COUNT(*) AS handled FROM inbox_event WHERE consumer = 'catalog.search-index'");
      return Number(sent) === Number(handled);
    });

  const create = (body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/admin/products', headers: keyed(admin), payload: body });

  it('creates a product with pinyin and an ETag, and emits product-changed and sku-changed in the same transaction', async () => {
    const res = await create(productBody({ id: 'p-apple', categoryId: 'fruit-pome' }));
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const body = res.json();
    expect(body).toMatchObject({
      id: 'p-apple',
      pinyin: 'hong fu shi ping guo',
      initials: 'hfspg',
      version: 1,
      minPriceFen: 690,
    });
    const rows = await t.app
      .get(Database)
      .writer.query(
        "SELECT topic, event_key FROM outbox_event WHERE event_key IN ('p-apple', ?) ORDER BY id",
        [body.skus[0].id],
      );
    expect(rows).toEqual([
      { topic: 'catalog.product-changed', event_key: 'p-apple' },
      { topic: 'catalog.sku-changed', event_key: body.skus[0].id },
    ]);
    const [sku] = await t.app
      .get(Database)
      .writer.query(
        "SELECT payload FROM outbox_event WHERE topic = 'catalog.sku-changed' AND event_key = ?",
        [body.skus[0].id],
      );
    expect(JSON.parse(sku.payload).payload ?? JSON.parse(sku.payload)).toMatchObject({
      minShelfLifeDaysAtDelivery: 5,
      status: 'active',
      priceFen: 690,
    });
  });

  it('creates once for a retried request with the same Idempotency-Key, and needs the key', async () => {
    const headers = keyed(admin);
    const body = productBody({ name: '香梨', categoryId: 'greens' }); // no id: only the key stops a duplicate
    const first = await t.app.inject({ method: 'POST', url: '/admin/products', headers, payload: body });
    const retry = await t.app.inject({ method: 'POST', url: '/admin/products', headers, payload: body });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    const [{ n }] = await t.app
      .get(Database)
      .writer.query("SELECT COUNT(*) AS n FROM product WHERE name = '香梨'");
    expect(Number(n)).toBe(1);
    const keyless = await t.app.inject({
      method: 'POST',
      url: '/admin/products',
      headers: admin,
      payload: body,
    });
    expect(keyless.statusCode).toBe(400);
  });

  it('needs If-Match on update (428), refuses a stale one (412) and accepts the current one', async () => {
    const body = productBody({ name: '红富士苹果 特级', categoryId: 'fruit-pome' });
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/admin/products/p-apple',
          headers: keyed(admin),
          payload: body,
        })
      ).statusCode,
    ).toBe(428);
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/admin/products/p-apple',
      headers: { ...keyed(admin), 'if-match': '"1"' },
      payload: body,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await t.app.inject({
      method: 'PUT',
      url: '/admin/products/p-apple',
      headers: { ...keyed(admin), 'if-match': '"1"' },
      payload: body,
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ status: 412, currentVersion: 2 });
  });

  it('lets only one of two concurrent updates with the same If-Match through', async () => {
    const { etag } = (await t.app.inject({ method: 'GET', url: '/admin/products/p-apple', headers: admin }))
      .headers;
    const put = (name: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/admin/products/p-apple',
        headers: { ...keyed(admin), 'if-match': String(etag) },
        payload: productBody({ name, categoryId: 'fruit-pome' }),
      });
    const statuses = (await Promise.all([put('苹果甲'), put('苹果乙')])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 412]);
  });

  it.each([
    [
      'a fractional price',
      { skus: [{ name: 'x', soldBy: 'piece', priceFen: 12.5, temperatureClass: 'cool', shelfLifeDays: 3 }] },
      'skus[0].priceFen',
    ],
    [
      'a negative price',
      { skus: [{ name: 'x', soldBy: 'piece', priceFen: -1, temperatureClass: 'cool', shelfLifeDays: 3 }] },
      'skus[0].priceFen',
    ],
    [
      'a negative shelf life',
      { skus: [{ name: 'x', soldBy: 'piece', priceFen: 100, temperatureClass: 'cool', shelfLifeDays: -2 }] },
      'skus[0].shelfLifeDays',
    ],
    ['an unknown category', { categoryId: 'no-such' }, 'categoryId'],
    ['an array as a SKU', { skus: [[]] }, 'skus'],
    ['null as a SKU', { skus: [null] }, 'skus'],
    [
      'a null SKU id',
      {
        skus: [
          { id: null, name: 'x', soldBy: 'piece', priceFen: 100, temperatureClass: 'cool', shelfLifeDays: 3 },
        ],
      },
      'skus[0].id',
    ],
    [
      'a price above 10 000 yuan',
      {
        skus: [
          { name: 'x', soldBy: 'piece', priceFen: 1_000_001, temperatureClass: 'cool', shelfLifeDays: 3 },
        ],
      },
      'skus[0].priceFen',
    ],
    [
      'a shelf life above two years',
      { skus: [{ name: 'x', soldBy: 'piece', priceFen: 100, temperatureClass: 'cool', shelfLifeDays: 731 }] },
      'skus[0].shelfLifeDays',
    ],
    ['an oversized name', { name: '果'.repeat(101) }, 'name'],
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['an organic product without certificate', { organic: true }, 'organicCertificateNo'],
  ])('answers 400 naming the field for %s, and writes nothing', async (_label, override, field) => {
    const before = await t.app.get(Database).writer.query('SELECT COUNT(*) AS n FROM product');
    const res = await create(productBody(override));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.app.get(Database).writer.query('SELECT COUNT(*) AS n FROM product')).toEqual(before);
  });

  it('keeps admin routes from customers and agents, and anonymous callers', async () => {
    for (const role of ['customer', 'agent'] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/products',
        headers: keyed(await t.as(role)),
        payload: productBody(),
      });
      expect(res.statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/admin/products/p-apple' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/products/p-apple' })).statusCode).toBe(200);
  });

  it('serves the detail from the cache with one database load per miss, and shows an update on the next read', async () => {
    await create(
      productBody({
        id: 'p-spinach',
        name: '菠菜',
        categoryId: 'greens',
        skus: [
          { name: '300g', soldBy: 'piece', priceFen: 690, temperatureClass: 'chilled', shelfLifeDays: 4 },
        ],
      }),
    );
    // Let the creation event pass first, so its invalidation does not interfere with the counting below.
    await productEventsSettled();
    const writer = t.app.get(Database).writer;
    const loads: string[] = [];
    const original = writer.createQueryRunner.bind(writer);
    const spy = jest.spyOn(writer, 'createQueryRunner').mockImplementation((...args) => {
      const runner = original(...args);
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        if (/FROM `product`/.test(sql) && /p-spinach/.test(JSON.stringify(rest))) loads.push(sql);
        return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof runner.query;
      return runner;
    });
    try {
      const reads = await Promise.all(
        Array.from({ length: 20 }, () => t.app.inject({ method: 'GET', url: '/products/p-spinach' })),
      );
      expect(reads.every((r) => r.statusCode === 200 && r.json().name === '菠菜')).toBe(true);
      expect(loads).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }

    const etag = (await t.app.inject({ method: 'GET', url: '/admin/products/p-spinach', headers: admin }))
      .headers.etag;
    const update = await t.app.inject({
      method: 'PUT',
      url: '/admin/products/p-spinach',
      headers: { ...keyed(admin), 'if-match': String(etag) },
      payload: productBody({
        name: '有机菠菜',
        categoryId: 'greens',
        skus: [
          { name: '300g', soldBy: 'piece', priceFen: 790, temperatureClass: 'chilled', shelfLifeDays: 4 },
        ],
      }),
    });
    expect(update.statusCode).toBe(200);
    const next = await t.app.inject({ method: 'GET', url: '/products/p-spinach' });
    expect(next.json()).toMatchObject({ name: '有机菠菜', skus: [{ priceFen: 790 }] });
    // A hit sends the cached JSON text as it is: the same bytes and content type as the miss that loaded
    // it, which are what Fastify sends for the view object.
    const hit = await t.app.inject({ method: 'GET', url: '/products/p-spinach' });
    expect(hit.statusCode).toBe(200);
    expect(next.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(hit.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(hit.body).toBe(next.body);
    expect(hit.body).toBe(JSON.stringify(next.json()));
  });

  it('drops the cached detail when a product-changed event arrives (how other instances learn of a change)', async () => {
    await productEventsSettled();
    expect((await t.app.inject({ method: 'GET', url: '/products/p-spinach' })).json().name).toBe('有机菠菜');
    const db = t.app.get(Database);
    // A change the cache cannot know about: the cached detail stays as it was...
    await db.writer.query(
      "UPDATE product SET name = '崇明菠菜', version = version + 1 WHERE id = 'p-spinach'",
    );
    expect((await t.app.inject({ method: 'GET', url: '/products/p-spinach' })).json().name).toBe('有机菠菜');
    // ...until the event announcing it arrives.
    await db.transaction(async (em) => {
      const [{ version }] = await em.query("SELECT version FROM product WHERE id = 'p-spinach'");
      await t.app.get(OutboxWriter).append(em, productChangedV1, {
        key: 'p-spinach',
        payload: { productId: 'p-spinach', skuIds: [], changeKind: 'updated', version: Number(version) },
      });
    });
    await waitFor(
      'the event to drop the cached detail',
      async () =>
        (await t.app.inject({ method: 'GET', url: '/products/p-spinach' })).json().name === '崇明菠菜',
      10_000,
    );
  });

  it('archives with If-Match: the product leaves the storefront and its SKUs are announced archived', async () => {
    const { etag } = (await t.app.inject({ method: 'GET', url: '/admin/products/p-spinach', headers: admin }))
      .headers;
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/admin/products/p-spinach',
      headers: { ...keyed(admin), 'if-match': String(etag) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().skus.every((s: { status: string }) => s.status === 'archived')).toBe(true);
    await waitFor(
      'archived product gone from the storefront',
      async () => (await t.app.inject({ method: 'GET', url: '/products/p-spinach' })).statusCode === 404,
      10_000,
    );
  });

  it('lists a category subtree newest first by cursor, without repeats or gaps', async () => {
    for (let i = 0; i < 5; i++)
      await create(productBody({ id: `p-pear-${i}`, name: `鸭梨${i}号`, categoryId: 'fruit-pome' }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: {
        statusCode: number;
        json: () => { items: Array<{ id: string }>; nextCursor: string | null };
      } = await t.app.inject({
        method: 'GET',
        url: `/categories/fruit/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((p) => p.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(['p-pear-4', 'p-pear-3', 'p-pear-2', 'p-pear-1', 'p-pear-0', 'p-apple']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/categories/fruit/products?cursor=bogus' })).json().errors[0]
        .field,
    ).toBe('cursor');
  });
  it('re-announces every live SKU of a category whose minimum shelf life changes, under If-Match', async () => {
    const db = t.app.get(Database);
    const { etag } = (
      await t.app.inject({ method: 'GET', url: '/admin/categories/fruit-pome', headers: admin })
    ).headers;
    const payload = { name: '苹果梨', minShelfLifeDaysAtDelivery: 7 };
    const res = await t.app.inject({
      method: 'PUT',
      url: '/admin/categories/fruit-pome',
      headers: { ...keyed(admin), 'if-match': String(etag) },
      payload,
    });
    expect(res.statusCode).toBe(200);
    const stale = await t.app.inject({
      method: 'PUT',
      url: '/admin/categories/fruit-pome',
      headers: { ...keyed(admin), 'if-match': String(etag) },
      payload,
    });
    expect(stale.statusCode).toBe(412);
    const live: Array<{ id: string }> = await db.writer.query(
      "SELECT s.id FROM sku s JOIN product p ON p.id = s.product_id WHERE p.category_id = 'fruit-pome' AND s.status = 'active'",
    );
    const announced: Array<{ event_key: string; payload: string }> = await db.writer.query(
      "SELECT event_key, payload FROM outbox_event WHERE topic = 'catalog.sku-changed' ORDER BY id",
    );
    for (const { id } of live) {
      const last = announced.filter((row) => row.event_key === id).at(-1)!;
      expect(last.payload).toMatch(/"minShelfLifeDaysAtDelivery":7[,}]/);
    }
    expect(live.length).toBeGreaterThanOrEqual(6);
  });
  it('lists products of every status to admins (drafts included), filtered by status', async () => {
    await create(productBody({ id: 'p-draft', name: '草稿商品', categoryId: 'greens', status: 'draft' }));
    const drafts = await t.app.inject({ method: 'GET', url: '/admin/products?status=draft', headers: admin });
    expect(drafts.statusCode).toBe(200);
    expect(drafts.json().items.map((p: { id: string }) => p.id)).toEqual(['p-draft']);
    const archived = await t.app.inject({
      method: 'GET',
      url: '/admin/products?status=archived',
      headers: admin,
    });
    expect(archived.json().items.map((p: { id: string }) => p.id)).toEqual(['p-spinach']);
    expect((await t.app.inject({ method: 'GET', url: '/products/p-draft' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/products?status=gone', headers: admin })).json()
        .errors[0].field,
    ).toBe('status');
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/products', headers: await t.as('agent') }))
        .statusCode,
    ).toBe(403);
  });

  // Last: the products these create would show up in the listings above.
  it('SKU ids that differ only by case are one id, as the unique key sees them: 400 naming the SKU, not a 500', async () => {
    const sku = { name: 'x', soldBy: 'piece', priceFen: 100, temperatureClass: 'cool', shelfLifeDays: 3 };
    const productCount = async () =>
      (await t.app.get(Database).writer.query('SELECT COUNT(*) AS n FROM product'))[0].n;
    const before = await productCount();
    const twice = await create(
      productBody({
        skus: [
          { ...sku, id: 'sku-case-1' },
          { ...sku, id: 'SKU-CASE-1' },
        ],
      }),
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toEqual([expect.objectContaining({ field: 'skus[1].id' })]);
    expect(
      (await create(productBody({ id: 'p-case-owner', skus: [{ ...sku, id: 'sku-case-2' }] }))).statusCode,
    ).toBe(201);
    const foreign = await create(productBody({ skus: [{ ...sku, id: 'SKU-Case-2' }] }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([expect.objectContaining({ field: 'skus[0].id' })]);
    expect(await productCount()).toEqual(before + 1);
  });

  it('concurrent creates of one product id, or of one SKU id, give one 201 and refusals, never a 500', async () => {
    const sameProduct = await Promise.all(
      Array.from({ length: 8 }, () => create(productBody({ id: 'p-raced' }))),
    );
    expect(sameProduct.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const sku = {
      id: 'sku-raced',
      name: 'x',
      soldBy: 'piece',
      priceFen: 100,
      temperatureClass: 'cool',
      shelfLifeDays: 3,
    };
    const sameSku = await Promise.all(Array.from({ length: 8 }, () => create(productBody({ skus: [sku] }))));
    const codes = sameSku.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c !== 201 && c !== 400 && c !== 409)).toEqual([]);
  });
});
