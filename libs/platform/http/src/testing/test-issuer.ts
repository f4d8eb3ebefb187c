// Spec support only (not exported): an issuer's signing side and its JWKS endpoint on loopback, so specs can
// rotate and retire keys the way Keycloak does and watch what a verifier fetches.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { claimsOf } from '../auth/jwt-claims';
import type { Principal } from '../auth/principal';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export interface TestTokenOptions {
  expiresIn?: string;
  audience?: string;
  issuer?: string;
  /** Sign with a key the JWKS never publishes (a forger's key with a plausible kid). */
  unpublishedKey?: boolean;
}

export class TestIssuer {
  /** How many times a verifier fetched the key set. */
  jwksFetches = 0;
  private keys: SigningKey[] = [];
  private server?: Server;
  private serial = 0;

  constructor(
    readonly issuer = 'https://issuer.test/realms/harvest',
    readonly audience = 'harvest-test-api',
    private readonly alg: 'ES256' | 'RS256' = 'ES256',
  ) {}

  get jwksUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/certs`;
  }

  get currentKid(): string {
    return this.keys[0]!.kid;
  }

  async start(): Promise<this> {
    await this.rotate();
    this.server = createServer((request, response) => {
      if (request.url !== '/certs') return void response.writeHead(404).end();
      this.jwksFetches++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: this.keys.map((k) => k.publicJwk) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A new signing key first in the set; the old ones stay published until retired, as in Keycloak. */
  async rotate(): Promise<string> {
    const key = await this.newKey();
    this.keys.unshift(key);
    return key.kid;
  }

  /** Stops publishing a key: tokens it signed must be refused once verifiers refresh. */
  retire(kid: string): void {
    this.keys = this.keys.filter((k) => k.kid !== kid);
  }

  async issue(principal: Principal, options: TestTokenOptions = {}): Promise<string> {
    const key = options.unpublishedKey ? await this.newKey() : this.keys[0]!;
    return new SignJWT(claimsOf(principal))
      .setProtectedHeader({ alg: this.alg, kid: key.kid, typ: 'JWT' })
      .setSubject(principal.subject)
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(key.privateKey);
  }

  private async newKey(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(this.alg);
    const kid = `test-key-${++this.serial}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: this.alg, use: 'sig' };
    return { kid, privateKey, publicJwk };
  }
}
