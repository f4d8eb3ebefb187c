import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadServiceConfig } from './service-config';

const ROOT = resolve(__dirname, '../../../..');
const GOOD_SECRET = 'a-dev-secret-that-is-long-enough-000';

/** Starts the real catalog entry point, as an operator would, with the given environment. */
function startCatalog(env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/catalog/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start-up with a bad environment', () => {
  it('stops the process with exit 78 and a message naming the bad variable, before touching anything', () => {
    const result = startCatalog({ JWT_SECRET: GOOD_SECRET, HTTP_PORT: 'eighty', DB_HOSTS: '127.0.0.1:1' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/catalog: Invalid configuration: HTTP_PORT: /);
    // Config is checked before any connection: DB_HOSTS points nowhere, yet the error is about HTTP_PORT only.
    expect(result.stderr).not.toMatch(/ECONNREFUSED|primary/);
  });

  it('names a variable that is missing altogether', () => {
    const result = startCatalog({});
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/JWT_SECRET: Required/);
  });

  it('names the variable a chosen driver needs', () => {
    expect(() =>
      loadServiceConfig({ name: 'catalog', port: 3001 }, { JWT_SECRET: GOOD_SECRET, CACHE_DRIVER: 'sentinel', SEARCH_DRIVER: 'elasticsearch' }),
    ).toThrow(/REDIS_SENTINELS: required when CACHE_DRIVER=sentinel.*ELASTICSEARCH_URL/);
  });

  it('gives each service its own schema and port unless the environment says otherwise', () => {
    const config = loadServiceConfig({ name: 'orders', port: 3002 }, { JWT_SECRET: GOOD_SECRET, HARVEST_DB_PREFIX: 'demo_' });
    expect(config.database.DB_NAME).toBe('demo_orders');
    expect(config.events.EVENTS_DB_NAME).toBe('demo_events');
    expect(loadServiceConfig({ name: 'orders', port: 3002 }, { JWT_SECRET: GOOD_SECRET, DB_NAME: 'x' }).database.DB_NAME).toBe('x');
  });
});
