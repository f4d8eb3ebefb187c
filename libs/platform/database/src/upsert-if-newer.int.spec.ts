import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { dropDatabase, testDatabaseConfig, uniqueDatabaseName } from '@harvest/testing';
import { Database } from './database.service';
import { upsertIfNewer } from './upsert-if-newer';

class CreateSnapshot1700000000001 implements MigrationInterface {
  name = 'CreateSnapshot1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE item_snapshot (item_id VARCHAR(32) PRIMARY KEY, name VARCHAR(64) NOT NULL,
      price_fen INT NULL, version BIGINT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE item_snapshot');
  }
}

describe('upsertIfNewer (real MariaDB)', () => {
  const name = uniqueDatabaseName('upsertnewer');
  let database: Database;
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => database.transaction(work);
  const put = (itemId: string, itemName: string, priceFen: number | null, version: number) =>
    tx((em) =>
      upsertIfNewer(
        em,
        'item_snapshot',
        { item_id: itemId, name: itemName, price_fen: priceFen, version },
        { key: ['item_id'] },
      ),
    );
  const stored = async (itemId: string) => {
    const rows = (await tx((em) =>
      em.query('SELECT name, price_fen, version FROM item_snapshot WHERE item_id = ?', [itemId]),
    )) as Array<Record<string, unknown>>;
    return { ...rows[0], version: Number(rows[0]!.version) };
  };

  beforeAll(async () => {
    database = await Database.connect(testDatabaseConfig({ DB_NAME: name }), {
      entities: [],
      migrations: [CreateSnapshot1700000000001],
    });
  });
  afterAll(async () => {
    await database?.close();
    await dropDatabase(name);
  });

  it('inserts a key it has not seen', async () => {
    await put('a', '菠菜', 1290, 3);
    expect(await stored('a')).toEqual({ name: '菠菜', price_fen: 1290, version: 3 });
  });

  it('replaces every column with a newer version, nulls included', async () => {
    await put('b', 'old', 100, 1);
    await put('b', 'new', null, 2);
    expect(await stored('b')).toEqual({ name: 'new', price_fen: null, version: 2 });
  });

  it('leaves the row alone for an older or equal version (a redelivery, an overtaken event)', async () => {
    await put('c', 'current', 500, 5);
    await put('c', 'stale', 1, 4);
    await put('c', 'same version, other data', 2, 5);
    expect(await stored('c')).toEqual({ name: 'current', price_fen: 500, version: 5 });
  });

  it('ends at the newest version whatever order racing deliveries arrive in', async () => {
    await Promise.all([5, 2, 9, 1, 7].map((v) => put('d', `v${v}`, v, v)));
    expect(await stored('d')).toEqual({ name: 'v9', price_fen: 9, version: 9 });
  });

  it('refuses a name that is not a plain identifier, and a row without its version', async () => {
    await expect(
      tx((em) =>
        upsertIfNewer(em, 'item_snapshot; DROP TABLE x', { item_id: 'e', version: 1 }, { key: ['item_id'] }),
      ),
    ).rejects.toThrow(/not a plain/);
    await expect(
      tx((em) => upsertIfNewer(em, 'item_snapshot', { item_id: 'e', name: 'x' }, { key: ['item_id'] })),
    ).rejects.toThrow(/no `version`/);
  });
});
