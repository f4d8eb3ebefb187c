import { SignJWT } from 'jose';
import { claimsOf } from './jwt-claims';
import type { JwtSettings, Principal } from './principal';
import { DEFAULT_MAX_LIFETIME_SECONDS, tokenKindOf } from './token-policy';

export interface IssueTokenOptions {
  /**
   * A jose duration ("15m", "2h") or seconds since the epoch; default the longest lifetime the default
   * TokenPolicy allows the principal's kind (a customer or staff token 1 h, a scanner 5 min, a service 10 min).
   */
  expiresIn?: string | number;
}

/**
 * Signs a token the AuthGuard accepts. For tests, the demo seed, local development and service-to-service
 * calls: people's tokens come from the identity provider.
 */
export async function issueToken(
  principal: Principal,
  settings: JwtSettings,
  options: IssueTokenOptions = {},
): Promise<string> {
  const lifetime =
    DEFAULT_MAX_LIFETIME_SECONDS[tokenKindOf(principal.role)] ?? DEFAULT_MAX_LIFETIME_SECONDS.customer;
  return new SignJWT(claimsOf(principal))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? `${lifetime}s`)
    .sign(new TextEncoder().encode(settings.secret));
}
