import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import {
  DEV_INITIAL_ACCESS_TOKEN,
  freeLoopbackPort,
  spawnEmbeddedIssuer,
  stopProcess,
  waitForDiscovery,
} from './client/issuer-process';
import {
  clientCredentialsToken,
  discover,
  signInWithAuthorizationCode,
  TokenRefused,
} from './client/oidc-flows';

// The embedded issuer of `npm start`, started for real (its own Node process: oidc-provider is an ES module
// Jest cannot load) on a free port with a throw-away data folder; every token is checked with jose against
// the issuer's published JWKS, as the services check them.

const INITIAL_ACCESS_TOKEN = DEV_INITIAL_ACCESS_TOKEN;

describe('embedded OpenID Connect issuer', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'harvest-issuer-'));
  let issuer: string;
  let child: ChildProcess;
  let identity: Server;
  const identityCalls: Array<{ authorization?: string; body: Record<string, unknown> }> = [];
  const output: string[] = [];

  async function start(): Promise<void> {
    const port = await freeLoopbackPort();
    issuer = `http://127.0.0.1:${port}`;
    child = spawnEmbeddedIssuer({
      port,
      dataDir,
      env: { IDENTITY_URL: `http://127.0.0.1:${(identity.address() as AddressInfo).port}` },
    });
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    await waitForDiscovery(issuer, child);
  }

  async function verify(token: string): Promise<JWTPayload> {
    const { jwks_uri } = await discover(issuer);
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(jwks_uri)), {
      issuer,
      algorithms: ['RS256'],
    });
    return payload;
  }

  beforeAll(async () => {
    // The identity service's code check (POST /phone-codes/verify), as identity answers it: 200 { subject }
    // for the right code, 400 otherwise, and only for a caller with a bearer token (checked below).
    identity = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        identityCalls.push({ authorization: req.headers.authorization, body });
        const ok = req.method === 'POST' && req.url === '/phone-codes/verify' && body.code === '246810';
        res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ok ? { subject: 'customer-from-identity-7' } : { title: 'Wrong code' }));
      });
    });
    await new Promise<void>((r) => identity.listen(0, '127.0.0.1', r));
    await start();
  });

  afterAll(async () => {
    if (child) await stopProcess(child);
    await new Promise((r) => identity.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes discovery with an RS256 JWKS whose keys carry a kid', async () => {
    const discovery = await discover(issuer);
    expect(discovery.issuer).toBe(issuer);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: 'RSA', alg: 'RS256', kid: expect.any(String) }),
    ]);
    expect(jwks.keys[0]).not.toHaveProperty('d'); // public halves only
  });

  it.each([
    ['catalog', []],
    ['orders', ['identity']],
    ['fulfillment', []],
    ['callcenter', ['orders']],
    ['images', []],
    ['identity', []],
    ['embedded-issuer', ['identity']],
  ])('gives service %s a client-credentials token for %j', async (service, audience) => {
    const { access_token } = await clientCredentialsToken(issuer, service, `dev-only-${service}-secret`);
    expect(decodeProtectedHeader(access_token)).toEqual(
      expect.objectContaining({ alg: 'RS256', kid: expect.any(String) }),
    );
    const claims = await verify(access_token);
    expect(claims).toEqual(
      expect.objectContaining({ iss: issuer, sub: service, azp: service, roles: ['service'], aud: audience }),
    );
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(600);
  });

  it('refuses a wrong client secret and a public client', async () => {
    await expect(clientCredentialsToken(issuer, 'orders', 'dev-only-catalog-secret')).rejects.toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
    await expect(clientCredentialsToken(issuer, 'storefront', 'x')).rejects.toBeInstanceOf(TokenRefused);
  });

  it('gives the enrolled demo scanner a 5-minute scanner token bound to its center', async () => {
    const { access_token } = await clientCredentialsToken(
      issuer,
      'demo-scanner',
      'dev-only-demo-scanner-secret',
    );
    const claims = await verify(access_token);
    expect(claims).toEqual(
      expect.objectContaining({
        azp: 'demo-scanner',
        roles: ['scanner'],
        fulfillment_center_id: 'fc-beijing-1',
        aud: ['fulfillment'],
      }),
    );
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
  });

  it('signs the demo customer in to the storefront with authorization code + PKCE', async () => {
    const tokens = await signInWithAuthorizationCode(issuer, {
      clientId: 'storefront',
      redirectUri: 'http://127.0.0.1:4200/callback',
      username: 'demo-customer',
      password: 'dev-only-demo-customer',
    });
    const claims = await verify(tokens.access_token);
    expect(claims).toEqual(
      expect.objectContaining({
        sub: 'demo-customer-001',
        azp: 'storefront',
        roles: ['customer'],
        aud: ['catalog', 'orders', 'images', 'identity'],
      }),
    );
    expect(claims).not.toHaveProperty('fulfillment_center_id');
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(3600);
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it('signs the demo agent in to the agent console, with the center, and drops roles a client may not carry', async () => {
    const agent = await signInWithAuthorizationCode(issuer, {
      clientId: 'agent-console',
      redirectUri: 'http://127.0.0.1:4300/orders?tab=1',
      username: 'demo-agent',
      password: 'dev-only-demo-agent',
    });
    expect(await verify(agent.access_token)).toEqual(
      expect.objectContaining({
        sub: 'demo-agent',
        azp: 'agent-console',
        roles: ['agent'],
        fulfillment_center_id: 'fc-beijing-1',
        aud: ['callcenter', 'orders', 'catalog', 'fulfillment', 'images'],
      }),
    );
    const customerAtConsole = await signInWithAuthorizationCode(issuer, {
      clientId: 'agent-console',
      redirectUri: 'http://127.0.0.1:4300/',
      username: 'demo-customer',
      password: 'dev-only-demo-customer',
    });
    expect((await verify(customerAtConsole.access_token)).roles).toEqual([]);
  });

  it('refuses a wrong password and a redirect outside the app', async () => {
    await expect(
      signInWithAuthorizationCode(issuer, {
        clientId: 'storefront',
        redirectUri: 'http://127.0.0.1:4200/callback',
        username: 'demo-customer',
        password: 'dev-only-demo-agent',
      }),
    ).rejects.toThrow(/failed: 401/);
    await expect(
      signInWithAuthorizationCode(issuer, {
        clientId: 'storefront',
        redirectUri: 'http://127.0.0.1:4300/callback',
        username: 'demo-customer',
        password: 'dev-only-demo-customer',
      }),
    ).rejects.toThrow(/failed: 400/);
  });

  describe('device clients (RFC 7591 registration, RFC 7592 management)', () => {
    const register = (body: unknown, token?: string) =>
      fetch(`${issuer}/reg`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const device = { client_name: 'Handheld 7, Beijing', fulfillment_center_id: 'fc-beijing-1' };

    it('registers only with the initial access token, and only a device with its center', async () => {
      expect((await register(device)).status).toBe(401);
      expect((await register(device, 'not-the-token')).status).toBe(401);
      const centerless = await register({ client_name: 'no center' }, INITIAL_ACCESS_TOKEN);
      expect(centerless.status).toBe(400);
      expect(await centerless.json()).toEqual(expect.objectContaining({ error: 'invalid_client_metadata' }));
    });

    it('gives a registered device a scanner token for its center; a disabled or deleted one gets none, a re-enabled one does', async () => {
      const response = await register(device, INITIAL_ACCESS_TOKEN);
      expect(response.status).toBe(201);
      const client = (await response.json()) as Record<string, string> & { grant_types: string[] };
      expect(client.grant_types).toEqual(['client_credentials']);
      const { access_token } = await clientCredentialsToken(issuer, client.client_id, client.client_secret);
      expect(await verify(access_token)).toEqual(
        expect.objectContaining({
          azp: client.client_id,
          roles: ['scanner'],
          fulfillment_center_id: 'fc-beijing-1',
        }),
      );

      const manage = {
        authorization: `Bearer ${client.registration_access_token}`,
        'content-type': 'application/json',
      };
      const current = (await (
        await fetch(client.registration_client_uri, { headers: manage })
      ).json()) as Record<string, unknown>;
      // RFC 7592 update: the metadata as read, less what only the issuer writes, with `enabled`.
      const setEnabled = (enabled: boolean) =>
        fetch(client.registration_client_uri, {
          method: 'PUT',
          headers: manage,
          body: JSON.stringify({
            ...current,
            enabled,
            registration_access_token: undefined,
            registration_client_uri: undefined,
            client_id_issued_at: undefined,
            client_secret_expires_at: undefined,
          }),
        });
      expect((await setEnabled(false)).status).toBe(200);
      await expect(
        clientCredentialsToken(issuer, client.client_id, client.client_secret),
      ).rejects.toMatchObject({
        status: 401,
        error: 'invalid_client',
      });
      expect((await setEnabled(true)).status).toBe(200);
      await expect(clientCredentialsToken(issuer, client.client_id, client.client_secret)).resolves.toEqual(
        expect.objectContaining({ access_token: expect.any(String) }),
      );

      expect(
        (await fetch(client.registration_client_uri, { method: 'DELETE', headers: manage })).status,
      ).toBe(204);
      await expect(
        clientCredentialsToken(issuer, client.client_id, client.client_secret),
      ).rejects.toMatchObject({
        error: 'invalid_client',
      });
    });
  });

  describe('phone sign-in (password grant with phone and code, checked by identity)', () => {
    const phoneGrant = (code: string) =>
      fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'storefront',
          phone: '+8613800138001',
          code,
        }),
      });

    it('signs the customer in as the subject identity answers, asking with the issuer own service token', async () => {
      identityCalls.length = 0;
      const response = await phoneGrant('246810');
      expect(response.status).toBe(200);
      const { access_token } = (await response.json()) as { access_token: string };
      expect(await verify(access_token)).toEqual(
        expect.objectContaining({ sub: 'customer-from-identity-7', azp: 'storefront', roles: ['customer'] }),
      );
      expect(identityCalls).toEqual([
        {
          authorization: expect.stringMatching(/^Bearer /),
          body: { phone: '+8613800138001', code: '246810', clientAddress: '127.0.0.1' },
        },
      ]);
      const serviceToken = await verify(identityCalls[0].authorization!.slice('Bearer '.length));
      expect(serviceToken).toEqual(expect.objectContaining({ azp: 'embedded-issuer', aud: ['identity'] }));
    });

    it('refuses the code identity refuses, and a request without phone and code', async () => {
      const wrong = await phoneGrant('000000');
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toEqual(expect.objectContaining({ error: 'invalid_grant' }));
      const noCode = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'storefront',
          username: 'demo-customer',
          password: 'x',
        }),
      });
      expect(noCode.status).toBe(400);
      // The agent console has no password grant at all.
      const atConsole = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'agent-console',
          phone: '+8613800138001',
          code: '246810',
        }),
      });
      expect(atConsole.status).toBe(400);
    });
  });

  it('keeps its signing key and enrolled devices across a restart', async () => {
    const register = await fetch(`${issuer}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INITIAL_ACCESS_TOKEN}` },
      body: JSON.stringify({ client_name: 'Handheld 9', fulfillment_center_id: 'fc-shanghai-1' }),
    });
    const device = (await register.json()) as Record<string, string>;
    const before = await clientCredentialsToken(issuer, 'orders', 'dev-only-orders-secret');
    const kid = decodeProtectedHeader(before.access_token).kid;

    await stopProcess(child);
    await start(); // same data folder, another port
    const after = await clientCredentialsToken(issuer, 'orders', 'dev-only-orders-secret');
    expect(decodeProtectedHeader(after.access_token).kid).toBe(kid);
    const jwks = (await (await fetch((await discover(issuer)).jwks_uri)).json()) as {
      keys: Array<{ kid: string }>;
    };
    expect(jwks.keys.map((k) => k.kid)).toEqual([kid]);
    const deviceToken = await clientCredentialsToken(issuer, device.client_id, device.client_secret);
    expect((await verify(deviceToken.access_token)).fulfillment_center_id).toBe('fc-shanghai-1');
    expect(output.join('')).not.toMatch(/246810/); // no SMS code in the issuer's output
  });
});
