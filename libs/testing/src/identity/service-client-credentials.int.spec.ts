import { decodeProtectedHeader, jwtVerify } from 'jose';
import {
  clientCredentialsGrant,
  clientCredentialsToken,
  issuerOf,
  keycloakSettingsFromEnv,
  realmJwks,
} from './keycloak-tokens';

// Real Keycloak of the test tier (bash infra/local/harness up keycloak), realm infra/keycloak/harvest-realm.json.
const keycloak = keycloakSettingsFromEnv();
const SERVICES = ['catalog', 'orders', 'fulfillment', 'callcenter', 'images'] as const;
// Dev-only secrets of the realm file (docs/identity.md).
const secretOf = (service: string) => `dev-only-${service}-secret`;

describe('Keycloak: service tokens by client credentials (issue 18)', () => {
  const jwks = realmJwks(keycloak);

  it('issues callcenter an RS256 token with a kid that verifies against the realm JWKS, for orders, with the service role', async () => {
    const token = await clientCredentialsToken(keycloak, 'callcenter', secretOf('callcenter'));

    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe('RS256');
    expect(typeof header.kid).toBe('string');
    expect(header.kid).not.toBe('');

    const { payload } = await jwtVerify(token, jwks, {
      issuer: issuerOf(keycloak),
      audience: 'orders',
      algorithms: ['RS256'],
    });
    expect(payload.azp).toBe('callcenter');
    // The flat claims our services read: `role` today, `roles` for a caller with several.
    expect(payload.roles).toEqual(['service']);
    expect(payload.role).toBe('service');
    // A service token lives at most 10 min by our token policy; the realm gives 5.
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
  });

  it('names only the services a client calls as its audience', async () => {
    const token = await clientCredentialsToken(keycloak, 'callcenter', secretOf('callcenter'));
    await expect(jwtVerify(token, jwks, { issuer: issuerOf(keycloak), audience: 'catalog' })).rejects.toThrow(
      /aud/,
    );
  });

  it.each(SERVICES)('gives %s a service-role token of its own', async (service) => {
    const token = await clientCredentialsToken(keycloak, service, secretOf(service));
    const { payload } = await jwtVerify(token, jwks, { issuer: issuerOf(keycloak), algorithms: ['RS256'] });
    expect(payload.azp).toBe(service);
    expect(payload.role).toBe('service');
    expect(payload.roles).toEqual(['service']);
  });

  it('refuses a wrong secret and the public apps the client credentials grant', async () => {
    const wrong = await clientCredentialsGrant(keycloak, 'orders', 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.error).toBe('unauthorized_client');
    expect(wrong.accessToken).toBeUndefined();
    for (const app of ['storefront', 'scanner-app', 'agent-console']) {
      const res = await clientCredentialsGrant(keycloak, app, '');
      expect(res.accessToken).toBeUndefined();
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('offers the scanner app the device authorization grant', async () => {
    const res = await fetch(`${issuerOf(keycloak)}/protocol/openid-connect/auth/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'scanner-app' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      device_code: expect.any(String),
      user_code: expect.any(String),
      interval: 5,
    });
  });
});
