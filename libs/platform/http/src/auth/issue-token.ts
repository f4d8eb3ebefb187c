import { SignJWT } from 'jose';
import { claimsOf } from './jwt-claims';
import type { JwtSettings, Principal } from './principal';

export interface IssueTokenOptions {
  /** A jose duration ("15m", "2h") or seconds since the epoch; default one hour. */
  expiresIn?: string | number;
}

/**
 * Signs a token the AuthGuard accepts. For tests, the demo seed and local development only: production
 * tokens come from the identity provider.
 */
export async function issueToken(
  principal: Principal,
  settings: JwtSettings,
  options: IssueTokenOptions = {},
): Promise<string> {
  return new SignJWT(claimsOf(principal))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(settings.secret));
}
