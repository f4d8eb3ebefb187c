import { decodeJwt } from 'jose';

/**
 * When the bearer token of a request expires. Only for a route the AuthGuard let through: it verified this
 * same header (signature, expiry, issuer) before any handler runs, so reading `exp` back is safe. A stream or
 * ticket that must not outlive the token that opened it ends at this time.
 */
export function bearerTokenExpiry(request: { headers: Record<string, unknown> }): Date | undefined {
  const header = request.headers.authorization;
  const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
  if (!token) return undefined;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
