/**
 * An OAuth 2.0 / OpenID Connect client for the command line and specs, against any issuer with a login form
 * (the embedded issuer's, or Keycloak's): client credentials, and authorization code + PKCE (S256) signing a
 * person in by posting the issuer's login form, following redirects and keeping its cookies by hand, the
 * way a browser would. Hand-written on fetch: openid-client (the obvious library) is an ES module that Jest
 * and our CommonJS scripts cannot load, and no library posts an issuer's HTML login form.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  registration_endpoint?: string;
}

export async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`${issuer} answered discovery with ${response.status}`);
  return (await response.json()) as Discovery;
}

async function tokenRequest(issuer: string, form: Record<string, string>, basic?: [string, string]) {
  const { token_endpoint } = await discover(issuer);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(basic ? { authorization: `Basic ${Buffer.from(basic.join(':')).toString('base64')}` } : {}),
    },
    body: new URLSearchParams(form),
  });
  const body = (await response.json()) as TokenResponse & { error?: string; error_description?: string };
  if (!response.ok) throw new TokenRefused(response.status, body.error, body.error_description);
  return body;
}

/** The issuer refused a token request: its HTTP status and OAuth error code. */
export class TokenRefused extends Error {
  constructor(
    readonly status: number,
    readonly error: string | undefined,
    readonly description: string | undefined,
  ) {
    super(`token refused (${status} ${error ?? ''}${description ? `: ${description}` : ''})`);
  }
}

export function clientCredentialsToken(
  issuer: string,
  clientId: string,
  secret: string,
): Promise<TokenResponse> {
  return tokenRequest(issuer, { grant_type: 'client_credentials' }, [clientId, secret]);
}

/** Cookies by name, as a browser keeps them for one host (paths ignored: every request goes to the issuer). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(header) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface PersonSignIn {
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  scope?: string;
}

/** The first form's action on a page, resolved against the page's address. */
function formAction(html: string, pageUrl: string): string {
  const action = /<form\b[^>]*\baction="([^"]+)"/i.exec(html)?.[1];
  if (!action) throw new Error(`no login form at ${pageUrl}`);
  return new URL(action.replace(/&amp;/g, '&'), pageUrl).href;
}

/**
 * Authorization code + PKCE for a public client: opens the authorization URL, posts the username and password
 * to the login form, follows the issuer's redirects to the client's redirect URI and exchanges the code.
 */
export async function signInWithAuthorizationCode(
  issuer: string,
  signIn: PersonSignIn,
): Promise<TokenResponse> {
  const { authorization_endpoint } = await discover(issuer);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: signIn.clientId,
    response_type: 'code',
    redirect_uri: signIn.redirectUri,
    scope: signIn.scope ?? 'openid',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const jar = new CookieJar();
  let url = authorize.href;
  let init: RequestInit = { method: 'GET' };
  let formPosted = false;
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.keep(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.href.startsWith(signIn.redirectUri))
        return exchangeCode(issuer, signIn, next, state, verifier);
      url = next.href;
      init = { method: 'GET' };
      continue;
    }
    const page = await response.text();
    if (formPosted || response.status !== 200)
      throw new Error(
        `sign-in of ${signIn.username} at ${signIn.clientId} failed: ${response.status} at ${url}`,
      );
    url = formAction(page, url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: signIn.username, password: signIn.password }).toString(),
    };
    formPosted = true;
  }
  throw new Error(`sign-in of ${signIn.username} did not come back to ${signIn.redirectUri}`);
}

async function exchangeCode(
  issuer: string,
  signIn: PersonSignIn,
  callback: URL,
  state: string,
  verifier: string,
): Promise<TokenResponse> {
  const error = callback.searchParams.get('error');
  if (error)
    throw new Error(
      `the issuer refused the sign-in: ${error} ${callback.searchParams.get('error_description') ?? ''}`,
    );
  if (callback.searchParams.get('state') !== state) throw new Error('the callback carries another state');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error('the callback carries no code');
  return tokenRequest(issuer, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: signIn.redirectUri,
    client_id: signIn.clientId,
    code_verifier: verifier,
  });
}
