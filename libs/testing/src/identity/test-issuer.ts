// Spec support: an OpenID Connect issuer in-process on loopback, the stand-in for Keycloak in every spec that
// is not about Keycloak itself. It serves what our services read from a real issuer, over real HTTP: the
// discovery document, the JWKS (ES256 or RS256 keys with a kid, rotated and retired the way Keycloak does)
// and a token endpoint for the client credentials grant, so services verify and fetch tokens exactly as in
// production. Tokens for people are signed directly (`issue`, `tokenFor`): no spec needs a login page here.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { claimsOf, type Principal, type Role } from '@harvest/platform/http';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export interface TestTokenOptions {
  /** A jose duration ("5m", "-1m") or seconds since the epoch; default 5 min. */
  expiresIn?: string | number;
  /** Default the issuer's audience; a list becomes an `aud` array. */
  audience?: string | string[];
  issuer?: string;
  /** Sign with a key the JWKS never publishes (a forger's key with a plausible kid). */
  unpublishedKey?: boolean;
}

/** A confidential client of the token endpoint: a service with its secret, the audiences its tokens name. */
export interface TestClient {
  secret: string;
  audience: string[];
  roles?: Role[];
  /** Lifetime of the tokens it gets, in seconds (Keycloak's realm default: 300). */
  expiresInSeconds?: number;
}

/** Our services, the audiences a person's test token names by default (like agent-console's, plus identity). */
export const SERVICE_AUDIENCES = ['catalog', 'orders', 'fulfillment', 'callcenter', 'images', 'identity'];

export class TestIssuer {
  /** How many times a verifier fetched the key set, and clients the token endpoint. */
  jwksFetches = 0;
  tokenRequests = 0;
  private keys: SigningKey[] = [];
  /** Public keys a spec signs with itself (e.g. another algorithm), published next to the issuer's own. */
  private extraPublished: JWK[] = [];
  private readonly clients = new Map<string, TestClient>();
  private server?: Server;
  private serial = 0;

  /**
   * @param audience the `aud` of `issue()`'s tokens unless a token names its own
   * @param alg the algorithm of every key; Keycloak's default is RS256
   */
  constructor(
    readonly audience: string | string[] = SERVICE_AUDIENCES,
    private readonly alg: 'ES256' | 'RS256' = 'ES256',
  ) {}

  /** `iss`, and what services set as AUTH_ISSUER_URL. */
  get issuer(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/realms/test`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/protocol/openid-connect/certs`;
  }

  get tokenUrl(): string {
    return `${this.issuer}/protocol/openid-connect/token`;
  }

  get currentKid(): string {
    return this.keys[0]!.kid;
  }

  /** The environment a service under test verifies this issuer's tokens with. */
  get env(): Record<string, string> {
    return { AUTH_ISSUER_URL: this.issuer };
  }

  async start(): Promise<this> {
    await this.rotate();
    this.server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server?.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
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

  /** Publishes a public key whose private half the spec holds; returns its kid. */
  publish(publicJwk: JWK): Promise<string> {
    const kid = `test-key-${++this.serial}`;
    this.extraPublished.push({ ...publicJwk, kid, use: 'sig' });
    return Promise.resolve(kid);
  }

  /** The key set as the JWKS endpoint serves it. */
  publicJwks(): Promise<JWK[]> {
    return Promise.resolve([...this.keys.map((k) => k.publicJwk), ...this.extraPublished]);
  }

  /** Lets a service get its own token from the token endpoint (client credentials grant). */
  registerClient(clientId: string, client: TestClient): this {
    this.clients.set(clientId, client);
    return this;
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

  /** Signs a token a spec shaped itself (claims, times) with the current key, header alg and kid set. */
  sign(jwt: SignJWT): Promise<string> {
    const key = this.keys[0]!;
    return jwt.setProtectedHeader({ alg: this.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  /** A person's (or device's) token with one role, as most specs need. */
  tokenFor(role: Role, subject: string, extra: Partial<Principal> = {}): Promise<string> {
    return this.issue({ subject, roles: [role], ...extra });
  }

  /** A service's own token, as the token endpoint would give it (azp = the service). */
  serviceToken(service: string, options: TestTokenOptions = {}): Promise<string> {
    return this.issue(
      { subject: `service-account-${service}`, roles: ['service'], clientId: service },
      options,
    );
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && path === '/realms/test/.well-known/openid-configuration')
      return json(200, {
        issuer: this.issuer,
        jwks_uri: this.jwksUrl,
        token_endpoint: this.tokenUrl,
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        id_token_signing_alg_values_supported: [this.alg],
      });
    if (request.method === 'GET' && path === '/realms/test/protocol/openid-connect/certs') {
      this.jwksFetches++;
      return json(200, { keys: await this.publicJwks() });
    }
    if (request.method === 'POST' && path === '/realms/test/protocol/openid-connect/token') {
      this.tokenRequests++;
      const form = new URLSearchParams(await bodyOf(request));
      const [clientId, secret] = clientAuthentication(request, form);
      const client = clientId === undefined ? undefined : this.clients.get(clientId);
      if (!client || client.secret !== secret) return json(401, { error: 'invalid_client' });
      if (form.get('grant_type') !== 'client_credentials')
        return json(400, { error: 'unsupported_grant_type' });
      const expiresIn = client.expiresInSeconds ?? 300;
      const token = await this.issue(
        { subject: `service-account-${clientId!}`, roles: client.roles ?? ['service'], clientId },
        { audience: client.audience, expiresIn: `${expiresIn}s` },
      );
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
    }
    response.writeHead(404).end();
  }

  private async newKey(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(this.alg);
    const kid = `test-key-${++this.serial}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: this.alg, use: 'sig' };
    return { kid, privateKey, publicJwk };
  }
}

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/** client_secret_basic (RFC 6749 §2.3.1: both parts form-encoded) or client_secret_post. */
function clientAuthentication(request: IncomingMessage, form: URLSearchParams): [string?, string?] {
  const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString();
    const colon = decoded.indexOf(':');
    const part = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return [part(decoded.slice(0, colon)), part(decoded.slice(colon + 1))];
  }
  return [form.get('client_id') ?? undefined, form.get('client_secret') ?? undefined];
}
