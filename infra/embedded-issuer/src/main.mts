/**
 * The embedded OpenID Connect issuer of `npm start` (dev and demo only; Keycloak is the issuer of the test
 * tier and of production). Its own Node process because oidc-provider is an ES module and the services and
 * Jest run CommonJS; Node runs this TypeScript directly (type stripping), so it needs no build.
 *   node infra/embedded-issuer/src/main.mts
 * Environment (all optional): ISSUER_PORT (3010), ISSUER_DATA_DIR (<repo>/.cache/issuer: keys and enrolled
 * devices), ISSUER_INITIAL_ACCESS_TOKEN (dev-only-initial-access-token, from dev-only-settings.json), IDENTITY_URL
 * (http://127.0.0.1:3006).
 */
import { resolve } from 'node:path';
import devOnly from './dev-only-settings.json' with { type: 'json' };
import { createIssuer } from './issuer-provider.mts';
import { loadOrCreateKeys } from './signing-keys.mts';

const ROOT = resolve(import.meta.dirname, '../../..');

async function main(): Promise<void> {
  const port = Number(process.env.ISSUER_PORT ?? 3010);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('ISSUER_PORT must be a TCP port');
  // Loopback only: the issuer is for the developer's own machine.
  const host = '127.0.0.1';
  const issuer = `http://${host}:${port}`;
  const dataDir = resolve(process.env.ISSUER_DATA_DIR ?? resolve(ROOT, '.cache/issuer'));
  const provider = createIssuer({
    issuer,
    dataDir,
    keys: await loadOrCreateKeys(dataDir),
    initialAccessToken: process.env.ISSUER_INITIAL_ACCESS_TOKEN ?? devOnly.initialAccessToken,
    identityUrl: process.env.IDENTITY_URL ?? 'http://127.0.0.1:3006',
  });
  provider.on('server_error', (_ctx, error) =>
    console.error(`issuer: server error: ${error.stack ?? error.message}`),
  );
  const server = provider.listen(port, host);
  server.on('listening', () => console.warn(`issuer: listening on ${issuer} (keys in ${dataDir})`));
  server.on('error', (error) => {
    console.error(`issuer: ${error.message}`);
    process.exit(1);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: Error) => {
  console.error(`issuer: ${error.stack ?? error.message}`);
  process.exit(1);
});
