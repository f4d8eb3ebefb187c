import { Database } from '@harvest/platform/database';
import { ImportsService } from './imports.service';
import { keyed, startCatalogTestApp, type CatalogTestApp } from '@harvest/catalog/testing';

const HEADER =
  'id,name,category_id,farm_id,organic,organic_certificate_no,sku_id,sku_name,sold_by,price_fen,temperature_class,shelf_life_days';

describe('CSV product import', () => {
  let t: CatalogTestApp;
  let admin: { authorization: string };

  beforeAll(async () => {
    t = await startCatalogTestApp({ SEARCH_DRIVER: 'sql' });
    admin = await t.as('admin');
    await t.app.inject({
      method: 'POST',
      url: '/admin/categories',
      headers: keyed(admin),
      payload: { id: 'fruit', name: '水果', minShelfLifeDaysAtDelivery: 3 },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('commits the valid rows, lists each refused row with its column, and reports progress', async () => {
    const good = Array.from(
      { length: 60 },
      (_, i) => `imp-${i},苹果${i}号,fruit,farm-hebei,否,,imp-sku-${i},约500g,weight,${590 + i},cool,30`,
    );
    const csv = [
      HEADER,
      ...good.slice(0, 30),
      'imp-bad-1,坏价格,fruit,farm-hebei,否,,,约500g,weight,12.5,cool,30',
      'imp-bad-2,未知分类,veg,farm-hebei,否,,,约500g,weight,590,cool,30',
      'imp-bad-3,负保质期,fruit,farm-nowhere,否,,,约500g,weight,590,cool,-3',
      'imp-0,重复,fruit,farm-hebei,否,,,约500g,weight,590,cool,30',
      ...good.slice(30),
    ].join('\n');
    const started = await t.app.inject({
      method: 'POST',
      url: '/admin/imports/products',
      headers: keyed(admin),
      payload: { csv },
    });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'running', total: 64 });
    const id = started.json().id as string;

    await t.app.get(ImportsService).idle();
    const job = (await t.app.inject({ method: 'GET', url: `/admin/imports/${id}`, headers: admin })).json();
    expect(job).toMatchObject({ status: 'done', total: 64, processed: 64, succeeded: 60, failed: 4 });
    expect(job.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 31, field: 'price_fen' }),
        expect.objectContaining({ row: 32, field: 'category_id' }),
        expect.objectContaining({ row: 33, field: 'shelf_life_days' }),
        expect.objectContaining({ row: 34, field: 'id' }),
      ]),
    );
    const [{ n }] = await t.app
      .get(Database)
      .writer.query("SELECT COUNT(*) AS n FROM product WHERE id LIKE 'imp-%'");
    expect(Number(n)).toBe(60);
  });

  it('refuses a file with a missing column as a whole, naming the problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/imports/products',
      headers: keyed(admin),
      payload: { csv: 'name,category_id\n苹果,fruit' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([{ field: 'csv', message: 'missing column price_fen' }]),
    );
  });

  it('is for admins only', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/imports/products',
      headers: keyed(await t.as('customer')),
      payload: { csv: HEADER },
    });
    expect(res.statusCode).toBe(403);
  });
});
