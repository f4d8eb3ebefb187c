import { ConfigError, env, z, type Env } from '@harvest/platform/config';
import { LOG_LEVELS, TRACES_EXPORTERS } from '@harvest/platform/observability';
import type { TokenVerifier } from './auth/token-verifier.service';
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_MAX_LIFETIME_SECONDS } from './auth/token-policy';
import { remoteJwks, sharedSecret, type SigningKeys } from './auth/signing-keys';

/** The environment an HTTP service reads; apps spread it into their own shape next to their other variables. */
export const httpConfigShape = {
  HTTP_HOST: env.string('127.0.0.1'),
  HTTP_PORT: env.port(3000),
  HTTP_BODY_LIMIT_BYTES: env.int(1024 * 1024, 1),
  /** Deepest JSON nesting accepted; our bodies need 4 levels at most. */
  HTTP_JSON_MAX_DEPTH: env.int(32, 1),
  /**
   * The issuer's JSON Web Key Set (Keycloak: <realm url>/protocol/openid-connect/certs). Tokens are verified
   * with its keys (RS256/ES256); the service never signs one.
   */
  AUTH_JWKS_URL: z.string().url("must be the issuer's JWKS URL (http or https)").optional(),
  /** Legacy shared HS256 key, only where AUTH_JWKS_URL is not set yet (issue 18 removes it). */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 key)').optional(),
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

const NO_KEY_SOURCE = {
  variable: 'JWT_SECRET',
  message: "Required (or AUTH_JWKS_URL, the issuer's key set)",
};

/**
 * The one cross-variable rule of the HTTP settings: tokens need keys from somewhere. Checked on the raw
 * environment so that a start-up names it together with every other bad variable.
 */
export function checkKeySource(environment: Env): void {
  if (!environment.AUTH_JWKS_URL && !environment.JWT_SECRET) throw new ConfigError([NO_KEY_SOURCE]);
}

/** The issuer's JWKS when named, else the legacy shared key. */
export function signingKeysOf(config: HttpConfig): SigningKeys {
  if (config.AUTH_JWKS_URL) return remoteJwks(config.AUTH_JWKS_URL);
  if (config.JWT_SECRET) return sharedSecret(config.JWT_SECRET);
  throw new ConfigError([NO_KEY_SOURCE]);
}

/** The TokenVerifier's arguments as the environment sets them. */
export function tokenSettingsOf(config: HttpConfig): ConstructorParameters<typeof TokenVerifier> {
  const keys = signingKeysOf(config);
  return [
    { keys, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
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
