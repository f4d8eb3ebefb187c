import { SignJWT, UnsecuredJWT } from 'jose';
import { TestIssuer } from '@harvest/testing';
import { createTestApp } from '../testing/http-test-app';
import { issuerJwks, remoteJwks } from './signing-keys';
import { TokenVerifier } from './token-verifier.service';

// The verifier as production builds it (remoteJwks), against an issuer whose keys the spec rotates and
// retires: what issue 18 asks of every service (asymmetric keys only, rotation without restart, a rate-limited
// refresh on an unknown kid).
describe('TokenVerifier with the issuer JWKS', () => {
  const customer = { subject: 'c-1', roles: ['customer'] } as const;
  let issuer: TestIssuer;

  beforeEach(async () => {
    issuer = await new TestIssuer('harvest-test-api').start();
  });
  afterEach(() => issuer.close());

  const verifierFor = (options: Parameters<typeof remoteJwks>[1] = {}) =>
    new TokenVerifier({
      issuer: issuer.issuer,
      audience: 'harvest-test-api',
      keys: remoteJwks(issuer.jwksUrl, options),
    });

  const refusal = async (verifier: TokenVerifier, token: string): Promise<string> => {
    const error: unknown = await verifier.verify(token).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 401 });
    return (error as Error).message;
  };

  it('accepts a token signed by a published key and fetches the set once for many tokens', async () => {
    const verifier = verifierFor();
    for (let i = 0; i < 5; i++) {
      await expect(verifier.verify(await issuer.issue(customer))).resolves.toEqual(customer);
    }
    expect(issuer.jwksFetches).toBe(1);
  });

  it('learns a rotated-in key without a restart, and refuses a retired key once the set is refreshed', async () => {
    const verifier = verifierFor({ cooldownMs: 0, cacheMaxAgeMs: 200 });
    const oldKid = issuer.currentKid;
    const signedByOld = await issuer.issue(customer);
    await expect(verifier.verify(signedByOld)).resolves.toEqual(customer);

    await issuer.rotate();
    const signedByNew = await issuer.issue(customer);
    await expect(verifier.verify(signedByNew)).resolves.toEqual(customer); // unknown kid → refresh
    await expect(verifier.verify(signedByOld)).resolves.toEqual(customer); // still published

    issuer.retire(oldKid);
    await new Promise((resolve) => setTimeout(resolve, 250)); // past cacheMaxAge
    await verifier.verify(signedByNew); // a refresh happens with the next token
    expect(await refusal(verifier, signedByOld)).toMatch(/not valid/);
    await expect(verifier.verify(signedByNew)).resolves.toEqual(customer);
  });

  it('refuses a token whose kid is not published, fetching the set at most once per cooldown', async () => {
    const verifier = verifierFor({ cooldownMs: 60_000 });
    await verifier.verify(await issuer.issue(customer));
    const before = issuer.jwksFetches;
    for (let i = 0; i < 20; i++) {
      expect(await refusal(verifier, await issuer.issue(customer, { unpublishedKey: true }))).toMatch(
        /not valid/,
      );
    }
    expect(issuer.jwksFetches - before).toBeLessThanOrEqual(1);
  });

  it('refuses alg none, HS256 (even keyed with a public JWK), another issuer, another audience and an expired token', async () => {
    const verifier = verifierFor();
    const unsigned = new UnsecuredJWT({ roles: ['admin'] })
      .setSubject('ops-1')
      .setIssuer(issuer.issuer)
      .setAudience('harvest-test-api')
      .setExpirationTime('5m')
      .encode();
    const hs256 = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: issuer.currentKid })
      .setSubject('ops-1')
      .setIssuer(issuer.issuer)
      .setAudience('harvest-test-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-secret-anyone-could-have-guessed-123'));
    expect(await refusal(verifier, unsigned)).toMatch(/RS256 or ES256/);
    expect(await refusal(verifier, hs256)).toMatch(/RS256 or ES256/);
    expect(await refusal(verifier, await issuer.issue(customer, { issuer: 'https://evil.test' }))).toMatch(
      /another issuer/,
    );
    expect(await refusal(verifier, await issuer.issue(customer, { audience: 'someone-else' }))).toMatch(
      /not meant for this API/,
    );
    expect(await refusal(verifier, await issuer.issue(customer, { expiresIn: '-1m' }))).toMatch(/expired/);
  });

  it('refuses every token, with the same 401, while the issuer cannot be reached', async () => {
    const verifier = verifierFor({ timeoutMs: 500 });
    const token = await issuer.issue(customer);
    await issuer.close();
    expect(await refusal(verifier, token)).toMatch(/not valid/);
  });

  it('finds the JWKS through the discovery document, and refuses tokens while the issuer cannot be reached', async () => {
    const verifier = new TokenVerifier({
      issuer: issuer.issuer,
      audience: 'harvest-test-api',
      keys: issuerJwks(issuer.issuer, { cooldownMs: 0 }),
    });
    await expect(verifier.verify(await issuer.issue(customer))).resolves.toEqual(customer);
    expect(issuer.jwksFetches).toBe(1);

    const unreachable = new TokenVerifier({
      issuer: 'http://127.0.0.1:9/realms/test',
      audience: 'harvest-test-api',
      keys: issuerJwks('http://127.0.0.1:9/realms/test', { cooldownMs: 0, timeoutMs: 500 }),
    });
    expect(await refusal(unreachable, await issuer.issue(customer))).toMatch(/not valid/);
  });

  it('takes the JWKS from AUTH_JWKS_URL when set, and refuses HS256 tokens in an app built from the environment', async () => {
    const app = await createTestApp({ AUTH_ISSUER_URL: issuer.issuer, AUTH_JWKS_URL: issuer.jwksUrl });
    try {
      const get = (token: string) =>
        app.app.inject({
          method: 'GET',
          url: '/anyone-signed-in',
          headers: { authorization: `Bearer ${token}` },
        });
      const fromIssuer = await get(await issuer.issue(customer));
      expect(fromIssuer.statusCode).toBe(200);
      expect(fromIssuer.json()).toEqual(customer);
      const hs256 = await get(
        await new SignJWT({ roles: ['customer'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('c-1')
          .setIssuer(issuer.issuer)
          .setAudience('harvest-test-api')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-characters')),
      );
      expect(hs256.statusCode).toBe(401);
      expect(hs256.json().detail).toMatch(/RS256 or ES256/);
    } finally {
      await app.app.close();
    }
  });
});
