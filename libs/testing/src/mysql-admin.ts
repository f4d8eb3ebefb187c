import { createConnection, type Connection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';

/** Root on the machine's MariaDB (or another node of the test tier); test set-up and assertions only. */
export async function connectAsRoot(port = 3306, host = '127.0.0.1'): Promise<Connection> {
  try {
    return await createConnection({ host, port, user: 'root', password: '', multipleStatements: true });
  } catch (error) {
    throw new Error(
      `MariaDB on ${host}:${port} is not answering (${(error as Error).message}); start the test tier with: bash infra/local/harness up`,
    );
  }
}

/** A database name no other test run uses, so reruns and parallel files never see each other's rows. */
export function uniqueDatabaseName(purpose: string): string {
  return `harvest_t_${purpose}_${randomBytes(4).toString('hex')}`;
}

export async function dropDatabase(name: string, port = 3306): Promise<void> {
  const root = await connectAsRoot(port);
  try {
    await root.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await root.end();
  }
}
