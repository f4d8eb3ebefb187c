import { env, z } from '@harvest/platform/config';
import { LOG_LEVELS, TRACES_EXPORTERS } from '@harvest/platform/observability';
import type { TokenVerifier } from './auth/token-verifier.service';
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_MAX_LIFETIME_SECONDS } from './auth/token-policy';

/** The environment an HTTP service reads; apps spread it into their own shape next to their other variables. */
export const httpConfigShape = {
  HTTP_HOST: env.string('127.0.0.1'),
  HTTP_PORT: env.port(3000),
  HTTP_BODY_LIMIT_BYTES: env.int(1024 * 1024, 1),
  /** Deepest JSON nesting accepted; our bodies need 4 levels at most. */
  HTTP_JSON_MAX_DEPTH: env.int(32, 1),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 key)'),
  JWT_ISSUER: env.string('harvest'),
  JWT_AUDIENCE: env.string('harvest-api'),
  /** Longest token lifetime per kind, in seconds (why these defaults: auth/token-policy.ts). */
  JWT_MAX_LIFETIME_SECONDS_CUSTOMER: env.int(DEFAULT_MAX_LIFETIME_SECONDS.customer, 1),
  JWT_MAX_LIFETIME_SECONDS_STAFF: env.int(DEFAULT_MAX_LIFETIME_SECONDS.staff, 1),
  JWT_MAX_LIFETIME_SECONDS_DEVICE: env.int(DEFAULT_MAX_LIFETIME_SECONDS.device, 1),
  JWT_MAX_LIFETIME_SECONDS_SERVICE: env.int(DEFAULT_MAX_LIFETIME_SECONDS.service, 1),
  JWT_CLOCK_SKEW_SECONDS: env.int(DEFAULT_CLOCK_SKEW_SECONDS, 0),
  LOG_LEVEL: env.oneOf([...LOG_LEVELS], 'info'),
  OTEL_TRACES_EXPORTER: env.oneOf([...TRACES_EXPORTERS], 'none'),
};

export type HttpConfig = z.infer<z.ZodObject<typeof httpConfigShape>>;

/** Injection token for the loaded HttpConfig, provided globally by the bootstrap. */
export const HTTP_CONFIG = Symbol('HTTP_CONFIG');

/** The TokenVerifier's arguments as the environment sets them. */
export function tokenSettingsOf(config: HttpConfig): ConstructorParameters<typeof TokenVerifier> {
  return [
    { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
    {
      maxLifetimeSeconds: {
        customer: config.JWT_MAX_LIFETIME_SECONDS_CUSTOMER,
        staff: config.JWT_MAX_LIFETIME_SECONDS_STAFF,
        device: config.JWT_MAX_LIFETIME_SECONDS_DEVICE,
        service: config.JWT_MAX_LIFETIME_SECONDS_SERVICE,
      },
      clockSkewSeconds: config.JWT_CLOCK_SKEW_SECONDS,
    },
  ];
}
