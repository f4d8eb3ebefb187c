import { createRemoteJWKSet, type CompactVerifyGetKey } from 'jose';
import { discoverIssuer, lazilyDiscovered } from './issuer-discovery';

/**
 * Where a verifier finds the keys that signed a token, and which JWS algorithms those keys use: the port
 * behind TokenVerifier. The one adapter is the issuer's JSON Web Key Set; services hold no key that could
 * sign a token (there is no shared-secret adapter: HS256 is refused before any key lookup).
 */
export interface SigningKeys {
  /** The algorithms a token header may name; anything else (`none`, HS256) is refused before any key lookup. */
  readonly algorithms: readonly string[];
  readonly key: CompactVerifyGetKey;
}

/** Asymmetric algorithms an OpenID Connect issuer signs with: Keycloak's default RS256, or ES256. */
export const ISSUER_ALGORITHMS = ['RS256', 'ES256'] as const;

export const DEFAULT_JWKS_COOLDOWN_MS = 30_000;
export const DEFAULT_JWKS_CACHE_MAX_AGE_MS = 300_000;

export interface RemoteJwksOptions {
  /**
   * Least time between two fetches of the set, in ms. A token with an unknown `kid` refreshes the set (that is
   * how a rotated-in key is learnt without a restart), so a flood of forged kids must not become a flood of
   * requests to the issuer. 30 s, jose's default.
   */
  cooldownMs?: number;
  /**
   * How long a fetched set is trusted, in ms. After a key is removed from the issuer, tokens it signed are
   * refused at the latest this long after, so it is the rotation's grace period too. 5 min: as long as the
   * shortest access token (a scanner's) lives.
   */
  cacheMaxAgeMs?: number;
  /** How long one fetch may take before the token is refused (401), in ms. */
  timeoutMs?: number;
}

/** Keys from a JSON Web Key Set URL (jose's remote set: cached, refreshed on an unknown kid, rate-limited). */
export function remoteJwks(url: string | URL, options: RemoteJwksOptions = {}): SigningKeys {
  return {
    algorithms: ISSUER_ALGORITHMS,
    key: createRemoteJWKSet(new URL(url), {
      cooldownDuration: options.cooldownMs ?? DEFAULT_JWKS_COOLDOWN_MS,
      cacheMaxAge: options.cacheMaxAgeMs ?? DEFAULT_JWKS_CACHE_MAX_AGE_MS,
      timeoutDuration: options.timeoutMs ?? 5_000,
    }),
  };
}

export interface IssuerJwksOptions extends RemoteJwksOptions {
  /** The set's URL when it is not (or must not be taken from) the discovery document's `jwks_uri`. */
  jwksUrl?: string;
}

/**
 * The issuer's keys: its JWKS as named by its discovery document (looked up at the first token, so a service
 * may start before its issuer answers), or `jwksUrl` when given.
 */
export function issuerJwks(issuerUrl: string, options: IssuerJwksOptions = {}): SigningKeys {
  const { jwksUrl, ...jwksOptions } = options;
  if (jwksUrl) return remoteJwks(jwksUrl, jwksOptions);
  const keys = lazilyDiscovered(
    async () => remoteJwks((await discoverIssuer(issuerUrl, options.timeoutMs)).jwks_uri, jwksOptions).key,
    options.cooldownMs ?? DEFAULT_JWKS_COOLDOWN_MS,
  );
  return {
    algorithms: ISSUER_ALGORITHMS,
    key: async (header, token) => (await keys())(header, token),
  };
}
