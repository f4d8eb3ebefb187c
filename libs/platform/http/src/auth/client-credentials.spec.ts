import { decodeJwt } from 'jose';
import { TestIssuer } from '@harvest/testing';
import { ClientCredentials, ServiceTokenUnavailableError } from './client-credentials';

describe('ClientCredentials (a service calling another with its own token)', () => {
  let issuer: TestIssuer;

  beforeEach(async () => {
    issuer = await new TestIssuer().start();
    issuer.registerClient('callcenter', { secret: 'spec-secret: with + and %', audience: ['orders'] });
  });
  afterEach(() => issuer.close());

  const credentials = (over: Partial<ConstructorParameters<typeof ClientCredentials>[0]> = {}) =>
    new ClientCredentials({
      issuerUrl: issuer.issuer,
      clientId: 'callcenter',
      clientSecret: 'spec-secret: with + and %',
      ...over,
    });

  it('fetches its token from the token endpoint named by discovery, once for concurrent and later calls', async () => {
    const source = credentials();
    const tokens = await Promise.all([source.accessToken(), source.accessToken(), source.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(await source.authorization()).toEqual({ authorization: `Bearer ${tokens[0]}` });
    expect(issuer.tokenRequests).toBe(1);
    expect(decodeJwt(tokens[0]!)).toMatchObject({ azp: 'callcenter', aud: ['orders'], roles: ['service'] });
  });

  it('fetches a new token shortly before the one it holds expires', async () => {
    issuer.registerClient('callcenter', {
      secret: 'spec-secret: with + and %',
      audience: ['orders'],
      expiresInSeconds: 2,
    });
    const source = credentials({ refreshBeforeExpiryMs: 1_500 });
    const first = await source.accessToken();
    expect(await source.accessToken()).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past its renewal point (2 s - 1 s)
    const second = await source.accessToken();
    expect(issuer.tokenRequests).toBe(2);
    expect(decodeJwt(second).iat).toBeGreaterThanOrEqual(decodeJwt(first).iat!);
  });

  it('says why there is no token: a wrong secret, or an issuer that cannot be reached', async () => {
    await expect(credentials({ clientSecret: 'wrong' }).accessToken()).rejects.toThrow(
      new ServiceTokenUnavailableError('no token for callcenter: the issuer answered 401 invalid_client'),
    );
    const unreachable = credentials({ tokenUrl: 'http://127.0.0.1:9/token', timeoutMs: 500 });
    await expect(unreachable.accessToken()).rejects.toBeInstanceOf(ServiceTokenUnavailableError);
  });
});
