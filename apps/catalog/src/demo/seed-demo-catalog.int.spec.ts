import { Database } from '@harvest/platform/database';
import { startCatalogTestApp, type CatalogTestApp } from '@harvest/catalog/testing';
import { seedDemoCatalog } from './seed-demo-catalog';

describe('demo catalog seed (SEED_DEMO_DATA=true)', () => {
  let t: CatalogTestApp;

  beforeAll(async () => {
    t = await startCatalogTestApp({ SEARCH_DRIVER: 'sql', SEED_DEMO_DATA: 'true' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const count = async (sql: string) => Number((await t.app.get(Database).writer.query(sql))[0].n);

  it('creates 240 active products over all three farms with SKUs demo-sku-0001.., announced to orders', async () => {
    expect(await count("SELECT COUNT(*) AS n FROM product WHERE status = 'active'")).toBe(240);
    expect(await count('SELECT COUNT(DISTINCT farm_id) AS n FROM product')).toBe(3);
    expect(await count("SELECT COUNT(*) AS n FROM sku WHERE id IN ('demo-sku-0001', 'demo-sku-0240')")).toBe(
      2,
    );
    expect(await count("SELECT COUNT(*) AS n FROM outbox_event WHERE topic = 'catalog.sku-changed'")).toBe(
      240,
    );
    const page = await t.app.inject({
      method: 'GET',
      url: '/search?category=vegetables&farm=farm-beijing&pageSize=50',
    });
    expect(page.json().total).toBeGreaterThan(10);
  });

  it('is idempotent: seeding again writes nothing', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM outbox_event');
    await seedDemoCatalog(t.app);
    expect(await count('SELECT COUNT(*) AS n FROM product')).toBe(240);
    expect(await count('SELECT COUNT(*) AS n FROM outbox_event')).toBe(before);
  });
});
