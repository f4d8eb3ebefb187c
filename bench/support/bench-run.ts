import type { Role } from '@harvest/platform/http';
import { serviceTestEnvironment, type ServiceTestEnvironment } from '@harvest/testing';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { BENCH_CACHE } from './child-process';

/** Ports given to the bench: our services on 3201-3205, raw baselines on 3211-3219. */
export const PORTS = {
  catalog: 3201,
  orders: 3202,
  largeCatalog: 3203,
  images: 3205,
  rawOrders: 3211,
  rawProductDetail: 3212,
  rawSearch: 3213,
  rawImages: 3215,
} as const;

/** The shared local tier (bash infra/local/harness env); overridable by the same variables. */
export const TIER = {
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  elasticsearchUrl: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
};

/**
 * One bench run's names: throwaway schemas (`harvest_t_bench_<id>_*`, dropped at the end), its own Redis key
 * prefix, Elasticsearch aliases and Kafka topic, and the secrets its service processes and tokens share.
 */
export interface BenchRun {
  id: string;
  /** Its schemas, and the in-process issuer every service process verifies tokens with (over loopback). */
  database: ServiceTestEnvironment;
  /** Environment every service process of this run gets (on top of the database one). */
  serviceEnv: NodeJS.ProcessEnv;
  /** Node options of every service process (e.g. --cpu-prof). */
  serviceNodeArgs: string[];
  cachePrefix: string;
  searchAlias(purpose: string): string;
  workDir: string;
  token(role: Role, subject: string): Promise<string>;
}

export async function startBenchRun(): Promise<BenchRun> {
  // Production polling periods (the test environment's are shorter), so background polling costs what it would.
  const database = await serviceTestEnvironment('bench', {
    LOG_LEVEL: 'warn',
    EVENTS_RELAY_POLL_MS: '250',
    EVENTS_EMBEDDED_POLL_MS: '200',
  });
  const id = database.runId;
  // Each service process accepts its own name as audience (the runtime's default), not the run's.
  const { AUTH_AUDIENCE: _runAudience, ...databaseEnv } = database.env;
  const workDir = join(BENCH_CACHE, `run-${id}`);
  const cachePrefix = `bench-${id}:catalog:`;
  return {
    id,
    database,
    cachePrefix,
    workDir,
    serviceEnv: {
      ...databaseEnv,
      NODE_ENV: 'production',
      PAYMENT_CALLBACK_SECRET: randomBytes(32).toString('hex'),
      IMAGES_SIGNING_SECRET: randomBytes(32).toString('hex'),
      EVENTS_TRANSPORT: 'embedded',
      SEED_DEMO_DATA: 'false',
    },
    serviceNodeArgs: [],
    searchAlias: (purpose) => `bench-${id}-${purpose}`,
    // The longest lifetime the services accept for the role (1 h for admin and customer): a workload's run.
    token: (role, subject) => database.issuer.issue({ subject, roles: [role] }, { expiresIn: '1h' }),
  };
}
