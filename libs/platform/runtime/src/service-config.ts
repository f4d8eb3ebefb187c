import { ConfigError, loadConfig, type Env } from '@harvest/platform/config';
import { cacheConfigFromEnv, cacheEnvShape, type CacheConfig } from '@harvest/platform/cache';
import { databaseConfigShape, type DatabaseConfig } from '@harvest/platform/database';
import { eventsConfigShape, type EventsConfig } from '@harvest/platform/events';
import { httpConfigShape } from '@harvest/platform/http';
import { searchConfigFromEnv, searchEnvShape, type SearchConfig } from '@harvest/platform/search';

/** Everything a service reads from its environment, validated at once so every bad variable is named together. */
export const serviceConfigShape = {
  ...httpConfigShape,
  ...databaseConfigShape,
  ...eventsConfigShape,
  ...cacheEnvShape,
  ...searchEnvShape,
};

export interface ServiceConfig {
  database: DatabaseConfig;
  events: EventsConfig;
  cache: CacheConfig;
  search: SearchConfig;
  seedDemoData: boolean;
}

export interface ServiceIdentity {
  name: string;
  port: number;
}

/**
 * Per-service defaults go under whatever the environment sets: each service owns the schema
 * `<prefix><name>` (prefix `harvest_`, or HARVEST_DB_PREFIX so tests and demos can run side by side),
 * and listens on its own port.
 */
export function withServiceDefaults(service: ServiceIdentity, env: Env): Env {
  const prefix = env.HARVEST_DB_PREFIX ?? 'harvest_';
  return {
    DB_NAME: `${prefix}${service.name}`,
    EVENTS_DB_NAME: `${prefix}events`,
    HTTP_PORT: String(service.port),
    ...env,
  };
}

/** Throws ConfigError naming each bad variable, including those a chosen driver requires. */
export function loadServiceConfig(service: ServiceIdentity, rawEnv: Env): ServiceConfig {
  const env = withServiceDefaults(service, rawEnv);
  const parsed = loadConfig(serviceConfigShape, env);
  const problems: ConfigError['problems'][number][] = [];
  const derive = <T>(make: () => T): T | undefined => {
    try {
      return make();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const cache = derive(() => cacheConfigFromEnv(parsed, service.name));
  const search = derive(() => searchConfigFromEnv(parsed));
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    database: parsed,
    events: parsed,
    cache: cache!,
    search: search!,
    seedDemoData: env.SEED_DEMO_DATA === 'true',
  };
}
