/**
 * Issue 18 acceptance: a person signs in through Keycloak's own login page in a real (headless) browser,
 * authorization code + PKCE on the public client `agent-console`, as a staff member who exists only in the
 * LDAP directory, and orders accepts the token they got. Debian's chromium (harness component `chromium`),
 * driven by playwright-core.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import { decodeJwt } from 'jose';
import { startOrdersTestApp, type OrdersTestApp } from '@harvest/orders/testing';
import { issuerOf, keycloakSettingsFromEnv } from '@harvest/testing';

const keycloak = keycloakSettingsFromEnv();
const ISSUER = issuerOf(keycloak);
const CHROMIUM = '/usr/bin/chromium';
// Allowed by the realm for agent-console (http://127.0.0.1:4300/*). Nothing needs to listen there: the spec
// reads the code off the browser's request to it (Playwright cannot intercept the target of a redirect).
const REDIRECT_URI = 'http://127.0.0.1:4300/signed-in';
// zhou.lei, in LDAP's cn=agents (li.na is the one ldap-staff-sign-in.int.spec.ts moves between groups).
const STAFF = { username: 'zhou.lei', password: 'dev-only-zhou.lei' };

const base64url = (bytes: Buffer) => bytes.toString('base64url');

describe('signing in through Keycloak in a browser (authorization code + PKCE)', () => {
  let browser: Browser;
  let orders: OrdersTestApp;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    orders = await startOrdersTestApp({ AUTH_ISSUER_URL: ISSUER });
  });

  afterAll(async () => {
    await browser?.close();
    await orders?.close();
  });

  it("signs in a directory staff member on Keycloak's login page and calls orders with the token", async () => {
    const verifier = base64url(randomBytes(32));
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    const state = base64url(randomBytes(16));
    const authorize = new URL(`${ISSUER}/protocol/openid-connect/auth`);
    authorize.search = new URLSearchParams({
      client_id: 'agent-console',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: REDIRECT_URI,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
    }).toString();

    const page = await browser.newPage();
    const redirect = () =>
      page
        .waitForRequest((request) => request.url().startsWith(REDIRECT_URI))
        .then((request) => new URL(request.url()));
    // The form is there once the document is; the theme's images and fonts need not have loaded.
    await page.goto(authorize.toString(), { waitUntil: 'domcontentloaded' });
    await page.locator('#username').fill(STAFF.username);
    await page.locator('#password').fill(STAFF.password);
    const [redirected] = await Promise.all([redirect(), page.locator('#kc-login').click()]);
    expect(redirected.searchParams.get('state')).toBe(state);
    const code = redirected.searchParams.get('code');
    expect(code).toEqual(expect.any(String));

    // The code is worth nothing without the verifier only this client holds (PKCE).
    const exchange = (codeVerifier: string) =>
      fetch(`${ISSUER}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: 'agent-console',
          code: code!,
          redirect_uri: REDIRECT_URI,
          code_verifier: codeVerifier,
        }),
      });
    expect((await exchange(base64url(randomBytes(32)))).status).toBe(400);
    // Keycloak invalidates a code after a failed attempt to redeem it: sign in again for a fresh one (the
    // session cookie signs in without the form; the navigation itself ends at the redirect URI, unserved).
    const [again] = await Promise.all([redirect(), page.goto(authorize.toString()).catch(() => undefined)]);
    const fresh = again.searchParams.get('code')!;
    const tokens = (await (
      await fetch(`${ISSUER}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: 'agent-console',
          code: fresh,
          redirect_uri: REDIRECT_URI,
          code_verifier: verifier,
        }),
      })
    ).json()) as { access_token?: string };
    expect(tokens.access_token).toEqual(expect.any(String));
    const claims = decodeJwt(tokens.access_token!);
    expect(claims).toMatchObject({ iss: ISSUER, azp: 'agent-console', roles: ['agent'] });
    expect(claims.aud).toEqual(expect.arrayContaining(['orders']));

    const listed = await orders.app.inject({
      method: 'GET',
      url: '/orders?customerId=cust-browser',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({ total: 0, orders: [] });
    // An agent still acts on orders only through callcenter, within a call.
    const cancel = await orders.app.inject({
      method: 'POST',
      url: `/orders/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/cancel`,
      headers: { authorization: `Bearer ${tokens.access_token}` },
      payload: {},
    });
    expect(cancel.statusCode).toBe(403);
    expect(cancel.json().type).toBe('urn:harvest:problem:agents-act-through-call-center');
  });
});
