import { UnauthorizedException } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { jwtClaimsSchema, principalOf } from './jwt-claims';
import type { JwtSettings, Principal } from './principal';

/** Verifies HS256 bearer tokens. Every failure is a 401 that says what to fix, without the verifier's internals. */
export class TokenVerifier {
  private readonly key: Uint8Array;

  constructor(private readonly settings: JwtSettings) {
    this.key = new TextEncoder().encode(settings.secret);
  }

  async verify(token: string): Promise<Principal> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new UnauthorizedException('The bearer token has expired.');
      throw new UnauthorizedException('The bearer token is not valid.');
    }
    const claims = jwtClaimsSchema.safeParse(payload);
    if (!claims.success)
      throw new UnauthorizedException('The bearer token does not name a subject and a known role.');
    return principalOf(claims.data);
  }
}
