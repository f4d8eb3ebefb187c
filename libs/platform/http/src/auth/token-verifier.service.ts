import { UnauthorizedException } from '@nestjs/common';
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { JwtSettings, Principal } from './principal';
import { TokenPolicy, TokenRefusedError, type TokenKind } from './token-policy';

export interface TokenLimits {
  maxLifetimeSeconds?: Partial<Record<TokenKind, number>>;
  clockSkewSeconds?: number;
}

const ALGORITHM = 'HS256';

/**
 * Checks a bearer token's HS256 signature; every rule about its header and claims is the TokenPolicy's, so
 * only the signature check changes when keys come from an OpenID Connect provider. Every failure is a 401
 * that says what to fix, without the verifier's internals.
 */
export class TokenVerifier {
  private readonly key: Uint8Array;
  readonly policy: TokenPolicy;

  constructor(settings: JwtSettings, limits: TokenLimits = {}) {
    this.key = new TextEncoder().encode(settings.secret);
    this.policy = new TokenPolicy({ ...settings, ...limits, algorithm: ALGORITHM });
  }

  async verify(token: string): Promise<Principal> {
    try {
      this.policy.checkHeader(decodeProtectedHeader(token));
      const { payload } = await compactVerify(token, this.key, { algorithms: [ALGORITHM] });
      const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
      if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
        throw new TokenRefusedError('The bearer token is not valid.');
      return this.policy.principalOf(claims as Record<string, unknown>);
    } catch (error) {
      if (error instanceof TokenRefusedError) throw new UnauthorizedException(error.message);
      throw new UnauthorizedException('The bearer token is not valid.');
    }
  }
}
