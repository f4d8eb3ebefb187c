import type { InjectionToken } from '@nestjs/common';
import { ConfigError, loadConfig, type Env, type z } from '@harvest/platform/config';
import { cacheConfigFromEnv, cacheEnvShape, type CacheConfig } from '@harvest/platform/cache';
import { databaseConfigShape, type DatabaseConfig } from '@harvest/platform/database';
import { eventsConfigShape, type EventsConfig } from '@harvest/platform/events';
import { edgesConfigShape, httpConfigShape } from '@harvest/platform/http';
import {
  objectStorageConfigFromEnv,
  objectStorageEnvShape,
  type ObjectStorageEnv,
} from '@harvest/platform/object-storage';
import { searchConfigFromEnv, searchEnvShape, type SearchConfig } from '@harvest/platform/search';
import { smsConfigFromEnv, smsEnvShape, type SmsConfig } from '@harvest/platform/sms';

/** What a service may opt in to beyond the platform every service gets (database, events, idempotency, HTTP, health). */
export type PlatformFeature = 'cache' | 'search' | 'objectStorage' | 'sms';

/** Everything every service reads from its environment. */
export const serviceConfigShape = {
  ...httpConfigShape,
  ...edgesConfigShape,
  ...databaseConfigShape,
  ...eventsConfigShape,
};

const featureConfigShapes: Record<PlatformFeature, z.ZodRawShape> = {
  cache: cacheEnvShape,
  search: searchEnvShape,
  objectStorage: objectStorageEnvShape,
  sms: smsEnvShape,
};

/**
 * A service's own settings: how to load them from the environment (a ConfigError naming each bad variable,
 * as `loadConfig` throws, cross-variable rules included) and the token their value is provided under.
 */
export interface OwnConfig {
  load(env: Env): unknown;
  token: InjectionToken;
}

export interface ServiceConfig {
  database: DatabaseConfig;
  events: EventsConfig;
  /** Present only when the service uses it. */
  cache?: CacheConfig;
  search?: SearchConfig;
  objectStorage?: ObjectStorageEnv;
  sms?: SmsConfig;
  /** The service's own settings, as its `load` returned them; undefined when it declares none. */
  own?: unknown;
  seedDemoData: boolean;
}

export interface ServiceIdentity {
  name: string;
  port: number;
  uses?: readonly PlatformFeature[];
  config?: OwnConfig;
  /** Defaults the service gives platform variables, e.g. images keeps local files in `.cache/run/images`. */
  envDefaults?: Env;
}

/**
 * Per-service defaults go under whatever the environment sets: each service owns the schema
 * `<prefix><name>` (prefix `harvest_`, or HARVEST_DB_PREFIX so tests and demos can run side by side),
 * listens on its own port, and accepts only tokens whose audience names it.
 */
export function withServiceDefaults(service: ServiceIdentity, env: Env): Env {
  const prefix = env.HARVEST_DB_PREFIX ?? 'harvest_';
  return {
    DB_NAME: `${prefix}${service.name}`,
    EVENTS_DB_NAME: `${prefix}events`,
    HTTP_PORT: String(service.port),
    AUTH_AUDIENCE: service.name,
    ...service.envDefaults,
    ...env,
  };
}

/**
 * The platform's settings, those of the features the service uses and the service's own, validated at once:
 * throws one ConfigError naming every bad variable, the service's and those a chosen driver requires included.
 */
export function loadServiceConfig(service: ServiceIdentity, rawEnv: Env): ServiceConfig {
  const env = withServiceDefaults(service, rawEnv);
  const uses = new Set(service.uses ?? []);
  const shape: z.ZodRawShape = { ...serviceConfigShape };
  for (const feature of uses) Object.assign(shape, featureConfigShapes[feature]);
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
  const parsed = derive(() => loadConfig(shape, env));
  const own = service.config && derive(() => service.config!.load(env));
  if (!parsed) throw new ConfigError(problems);
  const typed = parsed as unknown as DatabaseConfig & EventsConfig & ObjectStorageEnv;
  const cache = uses.has('cache')
    ? derive(() => cacheConfigFromEnv(parsed as never, service.name))
    : undefined;
  const search = uses.has('search') ? derive(() => searchConfigFromEnv(parsed as never)) : undefined;
  const objectStorage = uses.has('objectStorage')
    ? derive(() => objectStorageConfigFromEnv(typed))
    : undefined;
  const sms = uses.has('sms') ? derive(() => smsConfigFromEnv(parsed as never)) : undefined;
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    database: typed,
    events: typed,
    cache,
    search,
    objectStorage,
    sms,
    own,
    seedDemoData: env.SEED_DEMO_DATA === 'true',
  };
}
