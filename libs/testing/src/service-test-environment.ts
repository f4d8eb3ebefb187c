import { randomBytes } from 'node:crypto';
import { TestIssuer } from './identity/test-issuer';
import { connectAsRoot } from './mysql-admin';

/** Rate limits high enough that no spec or bench workload meets them (specs of the limits set their own). */
export const TEST_RATE_LIMITS = {
  RATE_LIMIT_STRICT_MAX: '100000',
  RATE_LIMIT_WRITE_MAX: '1000000',
  RATE_LIMIT_READ_MAX: '1000000',
};

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
      // Specs and the bench send many requests per route from one caller; production's limits would refuse
      // them. The limits stay on (they are part of what is tested and measured), only higher.
      ...TEST_RATE_LIMITS,
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
