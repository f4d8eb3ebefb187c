import { createRemoteJWKSet, type CompactVerifyGetKey } from 'jose';

/**
 * Where a verifier finds the keys that signed a token, and which JWS algorithms those keys use: the port
 * behind TokenVerifier. Production resolves keys from the issuer's JWKS; the shared HS256 secret is the
 * pre-OpenID Connect adapter, kept only until every caller has an issuer (issue 18 removes it).
 */
export interface SigningKeys {
  /** The algorithms a token header may name; anything else (`none` included) is refused before any key lookup. */
  readonly algorithms: readonly string[];
  readonly key: CompactVerifyGetKey | Uint8Array;
}

/** Asymmetric algorithms an OpenID Connect issuer signs with: Keycloak's default RS256, or ES256. */
export const ISSUER_ALGORITHMS = ['RS256', 'ES256'] as const;

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

/** Keys from the issuer's JSON Web Key Set (jose's remote set: cached, refreshed on an unknown kid, rate-limited). */
export function remoteJwks(url: string | URL, options: RemoteJwksOptions = {}): SigningKeys {
  return {
    algorithms: ISSUER_ALGORITHMS,
    key: createRemoteJWKSet(new URL(url), {
      cooldownDuration: options.cooldownMs ?? 30_000,
      cacheMaxAge: options.cacheMaxAgeMs ?? 300_000,
      timeoutDuration: options.timeoutMs ?? 5_000,
    }),
  };
}

/** The legacy shared HS256 key (at least 32 characters); see SigningKeys. */
export function sharedSecret(secret: string): SigningKeys {
  return { algorithms: ['HS256'], key: new TextEncoder().encode(secret) };
}
