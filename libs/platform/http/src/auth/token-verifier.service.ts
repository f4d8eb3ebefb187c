import { UnauthorizedException } from '@nestjs/common';
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { Principal } from './principal';
import type { SigningKeys } from './signing-keys';
import { TokenPolicy, TokenRefusedError, type TokenKind } from './token-policy';

export interface TokenLimits {
  maxLifetimeSeconds?: Partial<Record<TokenKind, number>>;
  clockSkewSeconds?: number;
}

export interface TokenVerifierSettings {
  issuer: string;
  audience: string;
  keys: SigningKeys;
}

/**
 * Checks a bearer token's signature with the keys its SigningKeys resolve (the issuer's JWKS); every rule
 * about its header and claims is the TokenPolicy's. Every failure is a 401 that says what to fix, without the
 * verifier's internals (an unknown kid, an unreachable JWKS and a bad signature all read alike).
 */
export class TokenVerifier {
  private readonly keys: SigningKeys;
  readonly policy: TokenPolicy;

  constructor({ keys, issuer, audience }: TokenVerifierSettings, limits: TokenLimits = {}) {
    this.keys = keys;
    this.policy = new TokenPolicy({ issuer, audience, ...limits, algorithms: keys.algorithms });
  }

  async verify(token: string): Promise<Principal> {
    try {
      this.policy.checkHeader(decodeProtectedHeader(token));
      const { payload } = await compactVerify(token, this.keys.key, {
        algorithms: [...this.keys.algorithms],
      });
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
