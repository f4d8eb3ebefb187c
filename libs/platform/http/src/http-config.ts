import { env, z } from '@harvest/platform/config';
import { LOG_LEVELS, TRACES_EXPORTERS } from '@harvest/platform/observability';
import type { TokenVerifier } from './auth/token-verifier.service';
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_MAX_LIFETIME_SECONDS } from './auth/token-policy';
import { issuerUrlOf } from './auth/issuer-discovery';
import { DEFAULT_JWKS_CACHE_MAX_AGE_MS, DEFAULT_JWKS_COOLDOWN_MS, issuerJwks } from './auth/signing-keys';

/** The environment an HTTP service reads; apps spread it into their own shape next to their other variables. */
export const httpConfigShape = {
  HTTP_HOST: env.string('127.0.0.1'),
  HTTP_PORT: env.port(3000),
  HTTP_BODY_LIMIT_BYTES: env.int(1024 * 1024, 1),
  /** Deepest JSON nesting accepted; our bodies need 4 levels at most. */
  HTTP_JSON_MAX_DEPTH: env.int(32, 1),
  /**
   * The issuer whose tokens this service accepts (its `iss`; Keycloak: http://127.0.0.1:8180/realms/harvest).
   * Its keys (RS256/ES256) come from the JWKS its discovery document names; the service never signs a token.
   */
  AUTH_ISSUER_URL: z.string().url('must be the issuer URL (http or https)').transform(issuerUrlOf),
  /** The issuer's JWKS when it must not be taken from the discovery document's `jwks_uri`. */
  AUTH_JWKS_URL: z.string().url("must be the issuer's JWKS URL (http or https)").optional(),
  /** The audience tokens must name: the service's own name (catalog, orders, ...), set by the runtime. */
  AUTH_AUDIENCE: z.string().min(1),
  /** How long a fetched key set is trusted (a removed key's grace period) and the least time between fetches. */
  AUTH_JWKS_CACHE_MAX_AGE_MS: env.int(DEFAULT_JWKS_CACHE_MAX_AGE_MS, 0),
  AUTH_JWKS_COOLDOWN_MS: env.int(DEFAULT_JWKS_COOLDOWN_MS, 0),
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
  const keys = issuerJwks(config.AUTH_ISSUER_URL, {
    ...(config.AUTH_JWKS_URL ? { jwksUrl: config.AUTH_JWKS_URL } : {}),
    cacheMaxAgeMs: config.AUTH_JWKS_CACHE_MAX_AGE_MS,
    cooldownMs: config.AUTH_JWKS_COOLDOWN_MS,
  });
  return [
    { keys, issuer: config.AUTH_ISSUER_URL, audience: config.AUTH_AUDIENCE },
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

/**
 * The settings of a service that calls another with its own token (client credentials): its client id at
 * the issuer and the secret, from the secret store. A service spreads it into its own shape.
 */
export const serviceClientConfigShape = {
  AUTH_CLIENT_ID: z.string().min(1).optional(),
  AUTH_CLIENT_SECRET: z.string().min(1).optional(),
};
