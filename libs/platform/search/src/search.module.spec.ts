import { createServer } from 'node:net';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigError, loadConfig } from '@harvest/platform/config';
import { HealthRegistry } from '@harvest/platform/health';
import { SearchModule } from './search.module';
import { ELASTICSEARCH_CLIENT, SEARCH_INDEX_ADMIN } from './search-index-admin.port';
import { searchConfigFromEnv, searchEnvShape } from './search.config';

/** Stands in for the application's health module, which makes one HealthRegistry visible everywhere. */
@Global()
@Module({ providers: [HealthRegistry], exports: [HealthRegistry] })
class HealthTestModule {}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('SearchModule', () => {
  it('under the sql driver creates no client and reports search up', async () => {
    const app = await Test.createTestingModule({
      imports: [HealthTestModule, SearchModule.forRoot({ driver: 'sql' })],
    }).compile();
    await app.init();
    expect(app.get(ELASTICSEARCH_CLIENT)).toBeNull();
    expect(app.get(SEARCH_INDEX_ADMIN)).toBeNull();
    const [indicator] = app.get(HealthRegistry).list();
    expect(indicator).toMatchObject({ name: 'search', critical: false });
    await expect(indicator!.check()).resolves.toEqual({ up: true, detail: { driver: 'sql' } });
    await app.close();
  });

  it('reports search down, not an exception, when Elasticsearch cannot be reached', async () => {
    const node = `http://127.0.0.1:${await closedPort()}`;
    const app = await Test.createTestingModule({
      imports: [HealthTestModule, SearchModule.forRoot({ driver: 'elasticsearch', node, maxRetries: 0 })],
    }).compile();
    await app.init();
    expect(app.get(SEARCH_INDEX_ADMIN)).not.toBeNull();
    const check = await app.get(HealthRegistry).list()[0]!.check();
    expect(check).toMatchObject({ up: false, detail: { driver: 'elasticsearch', reachable: false } });
    await app.close();
  });
});

describe('searchConfigFromEnv', () => {
  const parse = (vars: Record<string, string>) => searchConfigFromEnv(loadConfig(searchEnvShape, vars));

  it('defaults to sql and needs ELASTICSEARCH_URL for elasticsearch', () => {
    expect(parse({})).toEqual({ driver: 'sql' });
    expect(() => parse({ SEARCH_DRIVER: 'elasticsearch' })).toThrow(ConfigError);
    expect(parse({ SEARCH_DRIVER: 'elasticsearch', ELASTICSEARCH_URL: 'http://127.0.0.1:9200' })).toEqual({
      driver: 'elasticsearch',
      node: 'http://127.0.0.1:9200',
      requestTimeoutMs: 5_000,
      maxRetries: 2,
    });
  });
});
