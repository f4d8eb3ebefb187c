import { randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Env } from '@harvest/platform/config';
import type { Role } from '@harvest/platform/http';
import { createService } from '@harvest/platform/runtime';
import {
  TEST_RATE_LIMITS,
  connectAsRoot,
  dropDatabase,
  TestIssuer,
  withResponseCheck,
} from '@harvest/testing';
import { catalogService } from '../src/catalog.service-definition';
import { InProcessSearchIndex } from '../src/search/in-process-search-index.service';

export interface CatalogTestApp {
  app: NestFastifyApplication;
  env: Env;
  /** The issuer catalog trusts (AUTH_ISSUER_URL), in-process; closed with the app. */
  issuer: TestIssuer;
  /** A bearer header for the role. */
  as(role: Role, fulfillmentCenterId?: string): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

/**
 * The whole catalog service on throwaway schemas (its own and the embedded event log), initialised (its
 * in-process search index built) but not listening. Fails with the harness hint when MariaDB is not there.
 */
export async function startCatalogTestApp(overrides: Env = {}): Promise<CatalogTestApp> {
  const root = await connectAsRoot();
  await root.end();
  const run = `harvest_t_cat_${randomBytes(4).toString('hex')}_`;
  const issuer = await new TestIssuer().start();
  const env: Env = {
    ...issuer.env,
    AUTH_AUDIENCE: 'catalog',
    HARVEST_DB_PREFIX: run,
    DB_HOSTS: '127.0.0.1:3306',
    DB_USER: 'root',
    DB_PASSWORD: '',
    LOG_LEVEL: 'warn',
    EVENTS_RELAY_POLL_MS: '50',
    EVENTS_EMBEDDED_POLL_MS: '50',
    CATALOG_SEARCH_CATCH_UP_MS: '500',
    CACHE_KEY_PREFIX: `${run}:`,
    DB_NAME: `${run}catalog`,
    EVENTS_DB_NAME: `${run}events`,
    ...TEST_RATE_LIMITS,
    ...overrides,
  };
  // Its own name is its own consumer group, so a concurrent run never takes this run's Kafka partitions.
  const definition = withResponseCheck({ ...catalogService, name: `${run}catalog` });
  const drop = async () => {
    await issuer.close();
    await dropDatabase(`${run}catalog`);
    await dropDatabase(`${run}events`);
  };
  const { app } = await createService(definition, env).catch(async (error: unknown) => {
    await drop(); // a start that fails (a server missing) leaves no schemas behind
    throw error;
  });
  // Search answers 503 until the in-process index has been built from the catalog; a test starts after that.
  await app.get(InProcessSearchIndex).whenBuilt();
  return {
    app,
    env,
    issuer,
    as: async (role, fulfillmentCenterId) => ({
      authorization: `Bearer ${await issuer.tokenFor(role, `${role}-1`, fulfillmentCenterId ? { fulfillmentCenterId } : {})}`,
    }),
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Headers with a fresh Idempotency-Key, as a client sends on every write it may retry. */
export function keyed(headers: Record<string, string>): Record<string, string> {
  return { ...headers, 'idempotency-key': randomUUID() };
}

/** A small product body; override what a test cares about. */
export function productBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '红富士苹果',
    categoryId: 'fruit',
    farmId: 'farm-hebei',
    organic: false,
    status: 'active',
    skus: [{ name: '约500g', soldBy: 'weight', priceFen: 690, temperatureClass: 'cool', shelfLifeDays: 30 }],
    ...overrides,
  };
}
