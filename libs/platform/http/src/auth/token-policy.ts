import { jwtClaimsSchema, principalOf } from './jwt-claims';
import type { Principal, Role } from './principal';

/** Token kinds with their own lifetime limit: who holds the token and how much a leaked one is worth. */
export const TOKEN_KINDS = ['customer', 'staff', 'device', 'service'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

const KIND_OF_ROLE: Record<Role, TokenKind> = {
  customer: 'customer',
  agent: 'staff',
  admin: 'staff',
  scanner: 'device',
  service: 'service',
};

export function tokenKindOf(role: Role): TokenKind {
  return KIND_OF_ROLE[role];
}

/** The role whose kind allows the shortest lifetime: a token carrying several roles obeys the strictest limit. */
function strictestRole(roles: readonly Role[], limits: Record<TokenKind, number>): Role {
  return roles.reduce((a, b) => (limits[tokenKindOf(b)] < limits[tokenKindOf(a)] ? b : a));
}

/**
 * Longest lifetime (exp - iat, and exp - now) each kind may have, in seconds. Access tokens only: a client
 * that needs longer holds a refresh token (or its client credentials) and fetches a new access token.
 * - customer 1 h: storefront and apps refresh in the background; a token leaked from a phone lasts an hour.
 * - staff 1 h: agent and admin consoles refresh the same way; they can refund and change prices, so no longer.
 * - device 5 min: scanners are shared handhelds that get lost in a cold room; issue 18 requires ≤ 5 min.
 * - service 10 min: a service reuses its client-credentials token across a burst of calls (Keycloak issues
 *   them for 5 min).
 */
export const DEFAULT_MAX_LIFETIME_SECONDS: Readonly<Record<TokenKind, number>> = {
  customer: 3600,
  staff: 3600,
  device: 300,
  service: 600,
};

/** Clock difference tolerated between the issuer and us for iat and nbf (not for exp). */
export const DEFAULT_CLOCK_SKEW_SECONDS = 30;

export interface TokenPolicySettings {
  issuer: string;
  audience: string;
  /** The JWS algorithms tokens may be signed with (the SigningKeys' own: RS256/ES256). */
  algorithms: readonly string[];
  maxLifetimeSeconds?: Partial<Record<TokenKind, number>>;
  clockSkewSeconds?: number;
}

/** A token the policy refuses; the message says what is wrong with it, for the 401 problem. */
export class TokenRefusedError extends Error {}

/**
 * The rules every bearer token obeys besides its signature (which the TokenVerifier checks against the
 * issuer's JWKS): the algorithm, issuer, audience, the time claims and their per-kind lifetime, and the
 * claims that make a Principal.
 */
export class TokenPolicy {
  private readonly maxLifetime: Record<TokenKind, number>;
  private readonly skew: number;

  constructor(private readonly settings: TokenPolicySettings) {
    this.maxLifetime = { ...DEFAULT_MAX_LIFETIME_SECONDS, ...settings.maxLifetimeSeconds };
    this.skew = settings.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  }

  get algorithms(): readonly string[] {
    return this.settings.algorithms;
  }

  /** The longest lifetime a token with these roles may have: the strictest of their kinds' limits. */
  maxLifetimeOf(roles: readonly Role[]): number {
    return Math.min(...roles.map((role) => this.maxLifetime[tokenKindOf(role)]));
  }

  /** Checked before the signature, so a token signed another way is never handed to a verifier. */
  checkHeader(header: { alg?: unknown }): void {
    if (typeof header.alg !== 'string' || !this.settings.algorithms.includes(header.alg))
      throw new TokenRefusedError(
        `The bearer token must be signed with ${this.settings.algorithms.join(' or ')}.`,
      );
  }

  /** The Principal a verified token's claims prove, or TokenRefusedError; `now` in seconds since the epoch. */
  principalOf(payload: Record<string, unknown>, now = Date.now() / 1000): Principal {
    if (payload.iss !== this.settings.issuer)
      throw new TokenRefusedError('The bearer token comes from another issuer.');
    const audiences = typeof payload.aud === 'string' ? [payload.aud] : payload.aud;
    if (!Array.isArray(audiences) || !audiences.includes(this.settings.audience))
      throw new TokenRefusedError('The bearer token is not meant for this API (aud).');

    const { exp, iat, nbf } = payload;
    if (!isSeconds(exp)) throw new TokenRefusedError('The bearer token has no expiry (exp).');
    if (iat !== undefined && !isSeconds(iat))
      throw new TokenRefusedError('The bearer token has a malformed iat.');
    if (nbf !== undefined && !isSeconds(nbf))
      throw new TokenRefusedError('The bearer token has a malformed nbf.');
    if (exp <= now) throw new TokenRefusedError('The bearer token has expired.');
    if ((iat !== undefined && iat > now + this.skew) || (nbf !== undefined && nbf > now + this.skew))
      throw new TokenRefusedError('The bearer token is not valid yet (iat or nbf in the future).');

    const claims = jwtClaimsSchema.safeParse(payload);
    if (!claims.success)
      throw new TokenRefusedError('The bearer token does not name a subject and a known role (roles).');
    const principal = principalOf(claims.data);
    const max = this.maxLifetimeOf(principal.roles);
    if (exp - now > max || (iat !== undefined && exp - iat > max))
      throw new TokenRefusedError(
        `The bearer token lives longer than a ${strictestRole(principal.roles, this.maxLifetime)} token may (${max} s).`,
      );
    return principal;
  }
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
