import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { KeycloakAdmin, keycloakSettingsFromEnv, type KeycloakSettings } from '@harvest/testing';
import { startIdentityForTest, type IdentityUnderTest } from '@harvest/identity/testing';

const REPO = join(__dirname, '../../../..');
const KEYCLOAK_LOG = join(REPO, '.cache/run/keycloak/keycloak.log');

/**
 * The whole phone sign-in against the real Keycloak with the harvest-phone-code extension: a throw-away copy of
 * the harvest realm file (its flow, customer-app and keycloak-phone-code clients) whose authenticator calls the
 * identity service this spec starts on a loopback port.
 */
describe('phone sign-in through Keycloak (real Keycloak + extension, real MariaDB, SMS test server)', () => {
  const base: KeycloakSettings = keycloakSettingsFromEnv();
  const realm = `phone-int-${Date.now().toString(36)}`;
  const issuer = `${base.url}/realms/${realm}`;
  let realmAdmin: KeycloakAdmin | undefined;
  let identity: IdentityUnderTest;

  const codeFor = async (national: string) => {
    const sent = await identity.http.app.inject({
      method: 'POST',
      url: '/phone-codes',
      payload: { phone: national },
    });
    expect(sent.statusCode).toBe(202);
    return identity.lastCodeSentTo(national);
  };
  const signIn = async (form: Record<string, string>) => {
    const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'customer-app', ...form }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  beforeAll(async () => {
    identity = await startIdentityForTest({
      AUTH_ISSUER_URL: issuer,
      // This spec's sends all come from one address.
      IDENTITY_SENDS_PER_ADDRESS_PER_HOUR: '50',
    });
    await identity.http.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = identity.http.app.getHttpServer().address() as AddressInfo;
    const admin = await KeycloakAdmin.signIn(base);
    realmAdmin = await admin.createRealm(await throwAwayRealm(realm, `http://127.0.0.1:${port}`));
  });

  afterAll(async () => {
    await realmAdmin?.deleteRealm();
    await identity?.close();
  });

  it('signs a customer in with phone + SMS code: a customer token from the realm that verifies against its JWKS', async () => {
    const code = await codeFor('13700137001');
    const { status, body } = await signIn({ phone: '13700137001', code });
    expect(status).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`));
    const { payload, protectedHeader } = await jwtVerify(body.access_token!, jwks, {
      issuer,
      audience: 'identity',
      algorithms: ['RS256'],
    });
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(payload).toMatchObject({ azp: 'customer-app', role: 'customer', roles: ['customer'] });
    expect(payload.aud).toEqual(expect.arrayContaining(['catalog', 'orders', 'images', 'identity']));

    // The token's subject is identity's subject for that phone: identity itself accepts the token as that customer.
    const me = await identity.http.app.inject({
      method: 'GET',
      url: '/customers/me',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ subject: payload.sub, phone: '+86 137****7001', hasPassword: false });

    // The same code a second time is refused.
    const replay = await signIn({ phone: '13700137001', code });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('invalid_grant');
  });

  it('signs in with phone + password once the customer has set one with their token', async () => {
    const first = await signIn({ phone: '13700137005', code: await codeFor('13700137005') });
    expect(first.status).toBe(200);
    const set = await identity.http.app.inject({
      method: 'PUT',
      url: '/customers/me/password',
      payload: { password: 'green-tea-garden' },
      headers: { authorization: `Bearer ${first.body.access_token}` },
    });
    expect(set.statusCode).toBe(204);
    const byPassword = await signIn({ phone: '13700137005', password: 'green-tea-garden' });
    expect(byPassword.status).toBe(200);
    const sub = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub;
    expect(sub(byPassword.body.access_token!)).toBe(sub(first.body.access_token!));
    const wrong = await signIn({ phone: '13700137005', password: 'green-tea-gardens' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_grant');
  });

  it('refuses an expired code', async () => {
    const code = await codeFor('13700137002');
    await identity.ageCodes(301);
    expect((await signIn({ phone: '13700137002', code })).status).toBe(401);
  });

  it('locks out brute force: after 5 wrong codes the right one is refused too', async () => {
    const code = await codeFor('13700137003');
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const attempt = await signIn({ phone: '13700137003', code: wrong });
      expect(attempt.status).toBe(401);
      expect(attempt.body.error_description).toBe('Invalid phone number or code');
    }
    const right = await signIn({ phone: '13700137003', code });
    expect(right.status).toBe(401);
    expect(right.body.error_description).toBe('Too many attempts; try again later');
  });

  it("refuses a grant without phone and code, and never writes a code into Keycloak's log", async () => {
    const bare = await signIn({ phone: '13700137004' });
    expect(bare.status).toBe(400);
    const log = await readFile(KEYCLOAK_LOG, 'utf8').catch(() => '');
    const mine = log
      .split('\n')
      .filter((line) => line.includes(realm) || line.includes('harvest-phone-code'));
    const codes = identity.sms.received.map((m) => m.params.code!);
    expect(codes.length).toBeGreaterThanOrEqual(3);
    for (const code of codes) {
      expect(mine.join('\n')).not.toContain(code);
      expect(log).not.toMatch(new RegExp(`code[=:"\\s]+${code}`));
    }
  });
});

/**
 * The harvest realm file under another name, without the staff directory, calling `identityUrl`. The phone
 * flow's id (which customer-app's binding names) is unique in the whole server, so the copy gets its own.
 */
async function throwAwayRealm(name: string, identityUrl: string) {
  const text = await readFile(join(REPO, 'infra/keycloak/harvest-realm.json'), 'utf8');
  const file = JSON.parse(text.replaceAll('"harvest-phone-direct-grant"', `"${randomUUID()}"`));
  const { components: _ldap, groups: _groups, ...rest } = file;
  return {
    ...rest,
    realm: name,
    users: (file.users as Array<{ serviceAccountClientId?: string }>).filter((u) => u.serviceAccountClientId),
    authenticatorConfig: (file.authenticatorConfig as Array<{ alias: string; config: object }>).map((c) =>
      c.alias === 'harvest-phone-code' ? { ...c, config: { ...c.config, identityUrl } } : c,
    ),
  };
}
