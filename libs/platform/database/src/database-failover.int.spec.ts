import type { Connection } from 'mysql2/promise';
import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { connectAsRoot, runHarness, testDatabaseConfig, uniqueDatabaseName } from '@harvest/testing';
import { metricsRegistry } from '@harvest/platform/observability';
import { Database } from './database.service';

async function failoversCounted(): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('harvest_db_failovers_total')?.get();
  return metric?.values[0]?.value ?? 0;
}

// Two real MariaDB nodes from `harness up mariadb_pair`. The test plays MHA: it moves read_only=OFF from
// one node to the other, or shuts the writer down, and the library must find the new primary by itself.
const NODE_A = 3317;
const NODE_B = 3318;
const APP_USER = 'harvest_app';
const APP_PASSWORD = 'app-password-for-tests';
const TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS payment (id VARCHAR(40) PRIMARY KEY, amountFen INT NOT NULL) ENGINE=InnoDB';

@Entity('payment')
class Payment {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @Column({ type: 'int' }) amountFen!: number;
}

class CreatePayment1700000000001 implements MigrationInterface {
  name = 'CreatePayment1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(TABLE_SQL);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE payment');
  }
}

async function ids(node: Connection, database: string): Promise<string[]> {
  const [rows] = await node.query(`SELECT id FROM \`${database}\`.payment ORDER BY id`);
  return (rows as Array<{ id: string }>).map((r) => r.id);
}

async function waitUntilRefusing(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await (await connectAsRoot(port)).end();
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`node ${port} still accepts connections 10 s after SHUTDOWN`);
}

describe('Database failover between two real MariaDB nodes', () => {
  const name = uniqueDatabaseName('failover');
  let a: Connection;
  let b: Connection;
  let database: Database;

  beforeAll(async () => {
    runHarness('up', 'mariadb_pair');
    [a, b] = await Promise.all([connectAsRoot(NODE_A), connectAsRoot(NODE_B)]);
    for (const node of [a, b]) {
      // The service's own user, without SUPER: MariaDB lets privileged users write to a read-only node.
      await node.query(`CREATE USER IF NOT EXISTS '${APP_USER}'@'127.0.0.1' IDENTIFIED BY '${APP_PASSWORD}'`);
      await node.query(`GRANT ALL PRIVILEGES ON \`harvest\\_t\\_%\`.* TO '${APP_USER}'@'127.0.0.1'`);
      // Stands in for replication: the schema exists on both nodes.
      await node.query(`CREATE DATABASE \`${name}\``);
      await node.query(`USE \`${name}\``);
      await node.query(TABLE_SQL);
    }
    await a.query('SET GLOBAL read_only = 0');
    await b.query('SET GLOBAL read_only = 1');
    database = await Database.connect(
      testDatabaseConfig({
        DB_NAME: name,
        DB_HOSTS: [
          { host: '127.0.0.1', port: NODE_A },
          { host: '127.0.0.1', port: NODE_B },
        ],
        DB_USER: APP_USER,
        DB_PASSWORD: APP_PASSWORD,
      }),
      { entities: [Payment], migrations: [CreatePayment1700000000001] },
    );
  });

  afterAll(async () => {
    // Close every connection first: a handle left open would keep the test process alive.
    await database?.close();
    await Promise.all([a?.end().catch(() => undefined), b?.end().catch(() => undefined)]);
    runHarness('up', 'mariadb_pair'); // brings back a node a test shut down
    for (const port of [NODE_A, NODE_B]) {
      const node = await connectAsRoot(port);
      try {
        await node.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await node.query('SET GLOBAL read_only = 0');
      } finally {
        await node.end();
      }
    }
  });

  it('starts on the node that answers read_only=OFF', async () => {
    expect(database.primary).toBe(`127.0.0.1:${NODE_A}`);
    await database.transaction((em) => em.insert(Payment, { id: 'p1-before', amountFen: 1200 }));
    expect(await ids(a, name)).toEqual(['p1-before']);
  });

  it('when the writer turns read-only and another node is promoted, retries the work there once', async () => {
    await a.query('SET GLOBAL read_only = 1');
    await b.query('SET GLOBAL read_only = 0');
    let attempts = 0;
    await database.transaction(async (em) => {
      attempts++;
      await em.insert(Payment, { id: 'p2-after-switch', amountFen: 800 });
    });
    expect(attempts).toBe(2);
    expect(database.primary).toBe(`127.0.0.1:${NODE_B}`);
    expect(await ids(b, name)).toEqual(['p2-after-switch']);
    expect(await ids(a, name)).toEqual(['p1-before']);
  });

  it('when the writer process dies, finds the surviving writable node within seconds', async () => {
    await a.query('SET GLOBAL read_only = 0');
    await b.query('SHUTDOWN');
    // SHUTDOWN returns before the node is gone; a COMMIT racing the shutdown has an unknown outcome and
    // is rightly not retried under the "safe" policy. This case is about a writer that is already dead.
    await waitUntilRefusing(NODE_B);
    const started = Date.now();
    await database.transaction((em) => em.insert(Payment, { id: 'p3-after-crash', amountFen: 500 }));
    const seconds = (Date.now() - started) / 1000;
    expect(database.primary).toBe(`127.0.0.1:${NODE_A}`);
    expect(await ids(a, name)).toEqual(['p1-before', 'p3-after-crash']);
    expect(seconds).toBeLessThan(10);
    expect(database.failovers).toBe(2);
    expect(await failoversCounted()).toBe(2);
  });

  it('with retry "none", surfaces the failure instead of running the work again', async () => {
    await a.query('SET GLOBAL read_only = 1');
    let attempts = 0;
    await expect(
      database.transaction(
        async (em) => {
          attempts++;
          await em.insert(Payment, { id: 'p4-not-retried', amountFen: 1 });
        },
        { retry: 'none' },
      ),
    ).rejects.toThrow(/read-only/);
    expect(attempts).toBe(1);
    await a.query('SET GLOBAL read_only = 0');
  });
});
