import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { connectAsRoot, dropDatabase, testDatabaseConfig, uniqueDatabaseName } from '@harvest/testing';
import { Database } from './database.service';

@Entity('ledger_entry')
class LedgerEntry {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @Column({ type: 'int' }) amountFen!: number;
}

class CreateLedger1700000000000 implements MigrationInterface {
  name = 'CreateLedger1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE ledger_entry (id VARCHAR(40) PRIMARY KEY, amountFen INT NOT NULL) ENGINE=InnoDB',
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ledger_entry');
  }
}

const schema = { entities: [LedgerEntry], migrations: [CreateLedger1700000000000] };

describe('Database on the real MariaDB', () => {
  const name = uniqueDatabaseName('db');
  let database: Database;

  beforeAll(async () => {
    database = await Database.connect(testDatabaseConfig({ DB_NAME: name }), schema);
  });
  afterAll(async () => {
    await database?.close();
    await dropDatabase(name);
  });

  it('creates the schema and applies migrations once, even when two instances start together', async () => {
    const [second, third] = await Promise.all([
      Database.connect(testDatabaseConfig({ DB_NAME: name }), schema),
      Database.connect(testDatabaseConfig({ DB_NAME: name }), schema),
    ]);
    await Promise.all([second.close(), third.close()]);
    const rows = await database.writer.query('SELECT name FROM schema_migrations');
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['CreateLedger1700000000000']);
  });

  it('commits the work of a transaction and rolls all of it back on error', async () => {
    await database.transaction(async (em) => {
      await em.insert(LedgerEntry, { id: 'kept', amountFen: 100 });
    });
    await expect(
      database.transaction(async (em) => {
        await em.insert(LedgerEntry, { id: 'rolled-back', amountFen: 200 });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const ids = (await database.repository(LedgerEntry).find()).map((e) => e.id);
    expect(ids).toContain('kept');
    expect(ids).not.toContain('rolled-back');
  });

  it('does not retry a fatal error such as a duplicate key', async () => {
    let attempts = 0;
    await expect(
      database.transaction(async (em) => {
        attempts++;
        await em.insert(LedgerEntry, { id: 'kept', amountFen: 1 });
      }),
    ).rejects.toThrow(/Duplicate entry/);
    expect(attempts).toBe(1);
  });

  it('retries a transaction the server rolled back as a deadlock victim', async () => {
    await database.repository(LedgerEntry).insert([
      { id: 'a', amountFen: 0 },
      { id: 'b', amountFen: 0 },
    ]);
    const root = await connectAsRoot();
    let attempts = 0;
    try {
      await root.query(`USE \`${name}\``);
      await root.query('START TRANSACTION');
      await root.query("UPDATE ledger_entry SET amountFen = amountFen + 1 WHERE id = 'a'");
      const ours = database.transaction(async (em) => {
        attempts++;
        await em.query("UPDATE ledger_entry SET amountFen = amountFen + 10 WHERE id = 'b'");
        await em.query("UPDATE ledger_entry SET amountFen = amountFen + 10 WHERE id = 'a'");
      });
      await new Promise((r) => setTimeout(r, 300));
      // Closing the cycle: root now waits for b, which our transaction holds; InnoDB kills one side.
      await root
        .query("UPDATE ledger_entry SET amountFen = amountFen + 1 WHERE id = 'b'")
        .catch(() => undefined);
      await root.query('COMMIT').catch(() => undefined);
      await ours;
    } finally {
      await root.end();
    }
    const rows = await database
      .repository(LedgerEntry)
      .find({ where: [{ id: 'a' }, { id: 'b' }], order: { id: 'ASC' } });
    const [a, b] = rows.map((r) => r.amountFen);
    // Our +10 landed exactly once on each row. If InnoDB chose our transaction as the victim, root's +1
    // committed and ours ran a second time (11, 11); if it chose root's, root's work is gone (10, 10).
    expect(a).toBe(b);
    expect(attempts).toBe(a === 11 ? 2 : 1);
    expect([10, 11]).toContain(a);
  });
});
