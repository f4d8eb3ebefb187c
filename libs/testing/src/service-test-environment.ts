import { randomBytes } from 'node:crypto';
import { TestIssuer } from './identity/test-issuer';
import { connectAsRoot } from './mysql-admin';

export type TestEnv = Record<string, string | undefined>;

export interface ServiceTestEnvironment {
  /** Unique per run, so ids, schemas and consumer groups never collide with another run or file. */
  runId: string;
  /** Schema prefix of this run: the service's schema is `<prefix><service>`, the event log `<prefix>events`. */
  prefix: string;
  /**
   * What every service under test needs: real MariaDB, throwaway schemas, fast event polling, quiet logs, and
   * the issuer whose tokens it accepts (AUTH_ISSUER_URL, with the service's name as AUTH_AUDIENCE).
   */
  env: TestEnv;
  /** The in-process OpenID Connect issuer the service verifies tokens with; sign test tokens with it. */
  issuer: TestIssuer;
  /**
   * Drops every schema of this run (the service's, the event log, and any a second instance made), and stops
   * the issuer when this environment started it.
   */
  dropDatabases(): Promise<void>;
}

/**
 * The environment for running one service in-process against the real tier. Fails with a line saying how
 * to start the tier when MariaDB is not there, instead of a bare ECONNREFUSED later.
 */
export async function serviceTestEnvironment(
  service: string,
  overrides: TestEnv = {},
  { issuer: shared }: { issuer?: TestIssuer } = {},
): Promise<ServiceTestEnvironment> {
  await (await connectAsRoot()).end();
  const issuer = shared ?? (await new TestIssuer().start());
  const runId = randomBytes(4).toString('hex');
  const prefix = `harvest_t_${service}_${runId}_`;
  return {
    runId,
    prefix,
    issuer,
    env: {
      ...issuer.env,
      AUTH_AUDIENCE: service,
      HARVEST_DB_PREFIX: prefix,
      DB_HOSTS: '127.0.0.1:3306',
      DB_USER: 'root',
      DB_PASSWORD: '',
      EVENTS_RELAY_POLL_MS: '50',
      EVENTS_EMBEDDED_POLL_MS: '50',
      LOG_LEVEL: 'warn',
      ...overrides,
    },
    async dropDatabases() {
      if (!shared) await issuer.close();
      const root = await connectAsRoot();
      try {
        const [rows] = await root.query('SHOW DATABASES LIKE ?', [`${prefix.replace(/_/g, '\\_')}%`]);
        for (const row of rows as Array<Record<string, string>>)
          await root.query(`DROP DATABASE \`${Object.values(row)[0]}\``);
      } finally {
        await root.end();
      }
    },
  };
}
