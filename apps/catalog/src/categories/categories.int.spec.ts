import { Database } from '@harvest/platform/database';
import { keyed, startCatalogTestApp, type CatalogTestApp } from '@harvest/catalog/testing';

/** Category writes that used to end in a 500 at the database: a 4xx naming the field, nothing written. */
describe('catalog categories: odd input (real MariaDB)', () => {
  let t: CatalogTestApp;
  let admin: { authorization: string };
  const create = (body: object) =>
    t.app.inject({ method: 'POST', url: '/admin/categories', headers: keyed(admin), payload: body });
  const categoryCount = async () =>
    Number((await t.app.get(Database).writer.query('SELECT COUNT(*) AS n FROM category'))[0].n);

  beforeAll(async () => {
    t = await startCatalogTestApp({ SEARCH_DRIVER: 'sql' });
    admin = await t.as('admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('a category nested deeper than its path column holds is a 400 naming parentId', async () => {
    // Each level adds its 64-character id and a slash: ten levels fit the 700 characters, the eleventh does not.
    const idAt = (level: number) => `${String(level).padStart(2, '0')}${'d'.repeat(62)}`;
    let parentId: string | undefined;
    for (let level = 1; level <= 10; level++) {
      const res = await create({
        id: idAt(level),
        name: `层${level}`,
        minShelfLifeDaysAtDelivery: 1,
        ...(parentId ? { parentId } : {}),
      });
      expect(res.statusCode).toBe(201);
      parentId = idAt(level);
    }
    const before = await categoryCount();
    const tooDeep = await create({ id: idAt(11), name: '层11', minShelfLifeDaysAtDelivery: 1, parentId });
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooDeep.json().errors).toEqual([expect.objectContaining({ field: 'parentId' })]);
    expect(await categoryCount()).toBe(before);
  });

  it('concurrent creates of one category id: one 201, the rest 409, never a 500', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => create({ id: 'raced', name: '并发', minShelfLifeDaysAtDelivery: 1 })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });
});
