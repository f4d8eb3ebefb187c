/**
 * `npm run token -- --role <role>`: a bearer token for trying the APIs of `npm start`, ASKED of the embedded
 * issuer the way the real callers ask (never signed here):
 *   customer, agent, admin  the demo person signs in to the storefront or agent console (authorization code +
 *                           PKCE through the issuer's login form); --user picks another demo account
 *   scanner                 the demo scanner's client credentials (--client/--secret for an enrolled device)
 *   service                 a service's client credentials (--client, default callcenter: its token is for orders)
 * --issuer names another issuer (default AUTH_ISSUER_URL, else http://127.0.0.1:3010).
 */
import { parseArgs } from 'node:util';
import { EMBEDDED_ISSUER_URL } from './issuer-process';
import { clientCredentialsToken, signInWithAuthorizationCode, type TokenResponse } from './oidc-flows';

const PEOPLE = {
  customer: { clientId: 'storefront', redirectUri: 'http://127.0.0.1:4200/callback', user: 'demo-customer' },
  agent: { clientId: 'agent-console', redirectUri: 'http://127.0.0.1:4300/callback', user: 'demo-agent' },
  admin: { clientId: 'agent-console', redirectUri: 'http://127.0.0.1:4300/callback', user: 'demo-admin' },
} as const;
const CLIENTS = { scanner: 'demo-scanner', service: 'callcenter' } as const;
const ROLES = [...Object.keys(PEOPLE), ...Object.keys(CLIENTS)];

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--user <demo account>] [--client <id> [--secret <s>]] [--issuer <url>]
  demo accounts: demo-customer, demo-agent, demo-supervisor, demo-admin (password dev-only-<username>)`;

function fail(message: string, code = 1): never {
  console.error(`token: ${message}`);
  process.exit(code);
}

function rolesIn(accessToken: string): unknown {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    roles?: unknown;
  };
  return payload.roles;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        user: { type: 'string' },
        client: { type: 'string' },
        secret: { type: 'string' },
        issuer: { type: 'string' },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 64);
  }
  const role = values.role ?? '';
  if (!ROLES.includes(role)) fail(USAGE, 64); // EX_USAGE
  const issuer = values.issuer ?? process.env.AUTH_ISSUER_URL ?? EMBEDDED_ISSUER_URL;

  try {
    await fetch(`${issuer}/.well-known/openid-configuration`);
  } catch {
    fail(`no issuer answers at ${issuer}; start the embedded one with 'npm start'`);
  }

  let token: TokenResponse;
  if (role in PEOPLE) {
    const person = PEOPLE[role as keyof typeof PEOPLE];
    const user = values.user ?? person.user;
    token = await signInWithAuthorizationCode(issuer, {
      clientId: person.clientId,
      redirectUri: person.redirectUri,
      username: user,
      password: `dev-only-${user}`,
    });
  } else {
    const clientId = values.client ?? CLIENTS[role as keyof typeof CLIENTS];
    token = await clientCredentialsToken(issuer, clientId, values.secret ?? `dev-only-${clientId}-secret`);
  }
  const roles = rolesIn(token.access_token);
  if (!Array.isArray(roles) || !roles.includes(role))
    fail(`the issuer's token carries roles ${JSON.stringify(roles)}, not ${role}`);
  process.stdout.write(`${token.access_token}\n`);
}

main().catch((error: Error) => fail(error.message));
