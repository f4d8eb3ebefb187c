import type { FastifyInstance } from 'fastify';
import type Redis from 'ioredis';
import type { Logger } from '@harvest/platform/observability';
import { registerCors } from './cors';
import type { EdgesConfig } from './edges.config';
import { policyLimitsOf } from './rate-limit-policies';
import { registerRateLimits } from './rate-limits';

export interface BrowserEdgesOptions {
  serviceName: string;
  /** Shared rate-limit counters; the app closes this connection when it closes. */
  redis?: Redis;
  logger: Logger;
}

/** CORS and rate limits, on the server before any route is added (both act on routes as they are registered). */
export async function registerBrowserEdges(
  server: FastifyInstance,
  config: EdgesConfig,
  { serviceName, redis, logger }: BrowserEdgesOptions,
): Promise<void> {
  await registerCors(server, config.CORS_ORIGINS);
  await registerRateLimits(server, {
    limits: policyLimitsOf(config),
    redis,
    keyPrefix: `rate-limit:${serviceName}:`,
    logger,
  });
  if (redis) server.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
}
