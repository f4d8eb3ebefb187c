import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { eventsMigrations } from '../migrations';

const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

export const uniqueSuffix = (): string => `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

/** Fails with a message that says what is missing, instead of a bare ECONNREFUSED. */
export async function requireMysql(): Promise<void> {
  try {
    const connection = await createConnection({ ...MYSQL, connectTimeout: 3000 });
    await connection.end();
  } catch (error) {
    throw new Error(
      `MariaDB is not reachable at 127.0.0.1:3306 as root (start it: bash infra/local/harness up mariadb): ${(error as Error).message}`,
    );
  }
}

/** A throwaway service schema with the outbox and inbox migrations applied, plus a test effect table. */
export async function createServiceDatabase(
  prefix = 'harvest_t_events',
): Promise<{ dataSource: DataSource; drop: () => Promise<void> }> {
  await requireMysql();
  const database = `${prefix}_${uniqueSuffix()}`;
  const admin = await createConnection(MYSQL);
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.end();
  const dataSource = new DataSource({
    type: 'mysql',
    host: MYSQL.host,
    port: MYSQL.port,
    username: MYSQL.user,
    password: MYSQL.password,
    database,
    migrations: eventsMigrations,
    migrationsRun: true,
    synchronize: false,
    poolSize: 10,
  });
  await dataSource.initialize();
  await dataSource.query(
    'CREATE TABLE test_effect (id INT AUTO_INCREMENT PRIMARY KEY, event_id CHAR(36) NOT NULL, event_key VARCHAR(64) NOT NULL, seq INT NOT NULL)',
  );
  return {
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropDatabase(database);
    },
  };
}

export async function dropDatabase(database: string): Promise<void> {
  const admin = await createConnection(MYSQL);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();
}

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  diagnose: () => unknown = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} ${JSON.stringify(await diagnose())}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
