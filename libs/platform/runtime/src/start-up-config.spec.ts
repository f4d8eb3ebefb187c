import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CacheModule } from '@harvest/platform/cache';
import { loadConfig, z } from '@harvest/platform/config';
import { ObjectStorageModule } from '@harvest/platform/object-storage';
import { SearchModule } from '@harvest/platform/search';
import { loadServiceConfig, withServiceDefaults, type OwnConfig } from './service-config';
import { serviceModule } from './service.module';

const ROOT = resolve(__dirname, '../../../..');
const ISSUER = 'http://127.0.0.1:8180/realms/harvest';

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
    const result = startCatalog({ AUTH_ISSUER_URL: ISSUER, HTTP_PORT: 'eighty', DB_HOSTS: '127.0.0.1:1' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/catalog: Invalid configuration: HTTP_PORT: /);
    // Config is checked before any connection: DB_HOSTS points nowhere, yet the error is about HTTP_PORT only.
    expect(result.stderr).not.toMatch(/ECONNREFUSED|primary/);
  });

  it('names a variable that is missing altogether', () => {
    const result = startCatalog({});
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/AUTH_ISSUER_URL: Required/);
  });

  it('does not start on the retired shared HS256 secret: a service needs an issuer', () => {
    const result = startCatalog({ JWT_SECRET: 'a-dev-secret-that-is-long-enough-000' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/AUTH_ISSUER_URL: Required/);
  });

  it("takes the issuer, an optional JWKS URL instead of discovery's, checks they are URLs, and the service's name as audience", () => {
    const orders = { name: 'orders', port: 3002 };
    expect(() =>
      loadServiceConfig(orders, { AUTH_ISSUER_URL: ISSUER, AUTH_JWKS_URL: 'http://127.0.0.1:8180/certs' }),
    ).not.toThrow();
    expect(() => loadServiceConfig(orders, { AUTH_ISSUER_URL: ISSUER, AUTH_JWKS_URL: 'certs' })).toThrow(
      /AUTH_JWKS_URL: must be the issuer's JWKS URL/,
    );
    expect(() => loadServiceConfig(orders, { AUTH_ISSUER_URL: 'harvest' })).toThrow(
      /AUTH_ISSUER_URL: must be the issuer URL/,
    );
    expect(withServiceDefaults(orders, { AUTH_ISSUER_URL: ISSUER }).AUTH_AUDIENCE).toBe('orders');
  });

  it('names the variable a chosen driver needs', () => {
    expect(() =>
      loadServiceConfig(
        { name: 'catalog', port: 3001, uses: ['cache', 'search'] },
        { AUTH_ISSUER_URL: ISSUER, CACHE_DRIVER: 'sentinel', SEARCH_DRIVER: 'elasticsearch' },
      ),
    ).toThrow(/REDIS_SENTINELS: required when CACHE_DRIVER=sentinel.*ELASTICSEARCH_URL/);
    expect(() =>
      loadServiceConfig(
        { name: 'images', port: 3005, uses: ['objectStorage'] },
        { AUTH_ISSUER_URL: ISSUER, OBJECT_STORAGE_DRIVER: 'fastdfs' },
      ),
    ).toThrow(/FASTDFS_TRACKERS: required when OBJECT_STORAGE_DRIVER=fastdfs/);
  });

  it("names the service's own bad variables in the same error as the platform's", () => {
    const own: OwnConfig = {
      token: 'OWN',
      load: (env) => loadConfig({ SHOP_LIMIT: z.coerce.number().int().min(1) }, env),
    };
    expect(() =>
      loadServiceConfig({ name: 'shop', port: 3009, config: own }, { HTTP_PORT: 'eighty', SHOP_LIMIT: '0' }),
    ).toThrow(/HTTP_PORT: .*AUTH_ISSUER_URL: Required.*SHOP_LIMIT: /);
    expect(
      loadServiceConfig(
        { name: 'shop', port: 3009, config: own },
        { AUTH_ISSUER_URL: ISSUER, SHOP_LIMIT: '5' },
      ).own,
    ).toEqual({
      SHOP_LIMIT: 5,
    });
  });

  it('exits 78 naming a bad variable of the service itself', () => {
    const result = startCatalog({
      AUTH_ISSUER_URL: ISSUER,
      CATALOG_REINDEX_BATCH_SIZE: '0',
      DB_HOSTS: '127.0.0.1:1',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/catalog: Invalid configuration: CATALOG_REINDEX_BATCH_SIZE: /);
  });

  it('gives a service cache, search or object storage only when it uses them, with their settings checked only then', () => {
    const env = {
      AUTH_ISSUER_URL: ISSUER,
      CACHE_DRIVER: 'sentinel',
      SEARCH_DRIVER: 'elasticsearch',
      OBJECT_STORAGE_DRIVER: 'fastdfs',
    };
    const plain = loadServiceConfig({ name: 'orders', port: 3002 }, env);
    expect([plain.cache, plain.search, plain.objectStorage]).toEqual([undefined, undefined, undefined]);
    const platformOf = (config: typeof plain) =>
      (serviceModule(config, { entities: [], migrations: [] }).imports ?? []).map(
        (i) => (i as { module?: unknown }).module,
      );
    expect(platformOf(plain)).not.toEqual(expect.arrayContaining([CacheModule]));
    expect(platformOf(plain)).not.toEqual(expect.arrayContaining([SearchModule]));
    expect(platformOf(plain)).not.toEqual(expect.arrayContaining([ObjectStorageModule]));
    const all = loadServiceConfig(
      { name: 'catalog', port: 3001, uses: ['cache', 'search', 'objectStorage'] },
      { AUTH_ISSUER_URL: ISSUER },
    );
    expect(platformOf(all)).toEqual(expect.arrayContaining([CacheModule, SearchModule, ObjectStorageModule]));
  });

  it('lets a service give a platform variable its own default, which the environment still overrides', () => {
    const images = {
      name: 'images',
      port: 3005,
      uses: ['objectStorage'] as const,
      envDefaults: { OBJECT_STORAGE_LOCAL_DIR: '.cache/run/images' },
    };
    expect(
      loadServiceConfig(images, { AUTH_ISSUER_URL: ISSUER }).objectStorage?.OBJECT_STORAGE_LOCAL_DIR,
    ).toBe('.cache/run/images');
    expect(
      loadServiceConfig(images, { AUTH_ISSUER_URL: ISSUER, OBJECT_STORAGE_LOCAL_DIR: '/srv/x' }).objectStorage
        ?.OBJECT_STORAGE_LOCAL_DIR,
    ).toBe('/srv/x');
  });

  it('gives each service its own schema and port unless the environment says otherwise', () => {
    const config = loadServiceConfig(
      { name: 'orders', port: 3002 },
      { AUTH_ISSUER_URL: ISSUER, HARVEST_DB_PREFIX: 'demo_' },
    );
    expect(config.database.DB_NAME).toBe('demo_orders');
    expect(config.events.EVENTS_DB_NAME).toBe('demo_events');
    expect(
      loadServiceConfig({ name: 'orders', port: 3002 }, { AUTH_ISSUER_URL: ISSUER, DB_NAME: 'x' }).database
        .DB_NAME,
    ).toBe('x');
  });
});
