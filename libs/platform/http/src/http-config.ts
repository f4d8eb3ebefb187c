import { env, z } from '@harvest/platform/config';
import { LOG_LEVELS, TRACES_EXPORTERS } from '@harvest/platform/observability';

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
  LOG_LEVEL: env.oneOf([...LOG_LEVELS], 'info'),
  OTEL_TRACES_EXPORTER: env.oneOf([...TRACES_EXPORTERS], 'none'),
};

export type HttpConfig = z.infer<z.ZodObject<typeof httpConfigShape>>;

/** Injection token for the loaded HttpConfig, provided globally by the bootstrap. */
export const HTTP_CONFIG = Symbol('HTTP_CONFIG');
