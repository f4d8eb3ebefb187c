import type { INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { createRedisClient, redisTargetOf } from '@harvest/platform/cache';
import { ConfigError, type Env } from '@harvest/platform/config';
import type { SchemaDefinition } from '@harvest/platform/database';
import { eventsMicroserviceOptions } from '@harvest/platform/events';
import { createHttpApp, describeHttpApp, type HttpApp, type HttpAppOptions } from '@harvest/platform/http';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadServiceConfig, type OwnConfig, type PlatformFeature } from './service-config';
import { serviceModule } from './service.module';

export interface ServiceDefinition {
  /** Also the consumer group of its event handlers and the default schema suffix. */
  name: string;
  port: number;
  schema: SchemaDefinition;
  /** Platform parts beyond database, events, idempotency and HTTP; a service gets only those it names. */
  uses?: readonly PlatformFeature[];
  /** Its own settings (loader and token): validated with the platform's before anything connects. */
  config?: OwnConfig;
  /** Defaults it gives platform variables (the environment still wins). */
  envDefaults?: Env;
  imports?: ModuleMetadata['imports'];
  /** Loads demo data when SEED_DEMO_DATA=true (the `npm start` default); must be idempotent. */
  seedDemoData?: (app: INestApplicationContext) => Promise<void>;
  /** Fastify plugins the service needs (e.g. multipart), registered before routes; see HttpAppOptions. */
  configureServer?: HttpAppOptions['configureServer'];
}

/** Builds the service (validating config first), connects its event consumers, seeds, but does not listen. */
export async function createService(
  definition: ServiceDefinition,
  env: Env = process.env,
  options: Pick<HttpAppOptions, 'logDestination'> = {},
): Promise<HttpApp> {
  const config = loadServiceConfig(definition, env);
  // A service with Redis (its cache) counts rate limits there, so its instances share one budget.
  const redis = config.cache && redisTargetOf(config.cache);
  const built = await createHttpApp(
    serviceModule(config, definition.schema, definition.imports, definition.config),
    {
      serviceName: definition.name,
      // The HTTP platform reads the same defaults the service's config was checked with (port, audience).
      env: { HTTP_PORT: String(definition.port), AUTH_AUDIENCE: definition.name, ...env },
      configureServer: definition.configureServer,
      rateLimitRedis: redis ? createRedisClient(redis, {}, `rate-limit:${definition.name}`) : undefined,
      logDestination: options.logDestination,
    },
  );
  built.app.connectMicroservice(eventsMicroserviceOptions(built.app, { group: definition.name }), {
    inheritAppConfig: true,
  });
  await built.app.startAllMicroservices();
  if (config.seedDemoData && definition.seedDemoData) await definition.seedDemoData(built.app);
  return built;
}

/**
 * The service's OpenAPI document from its definition alone: nothing connects (see describeHttpApp), so
 * `npm run openapi` needs no infrastructure. The environment only has to pass config validation.
 */
export async function describeService(definition: ServiceDefinition, env: Env): Promise<OpenAPIObject> {
  const config = loadServiceConfig(definition, env);
  return describeHttpApp(serviceModule(config, definition.schema, definition.imports, definition.config), {
    serviceName: definition.name,
    env: { HTTP_PORT: String(definition.port), AUTH_AUDIENCE: definition.name, ...env },
  });
}

/**
 * A service's main(): on a bad environment it stops with one line naming the variable (exit 78,
 * EX_CONFIG), otherwise it listens on HTTP_HOST:HTTP_PORT.
 */
export async function runService(definition: ServiceDefinition, env: Env = process.env): Promise<void> {
  try {
    const { app, config, logger } = await createService(definition, env);
    await app.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
    logger.info(
      { host: config.HTTP_HOST, port: config.HTTP_PORT, node: process.version },
      `${definition.name} listening`,
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${definition.name}: ${error.message}`);
      process.exit(78);
    }
    console.error(`${definition.name}: failed to start: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  }
}
