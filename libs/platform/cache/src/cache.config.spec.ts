import { ConfigError, loadConfig } from '@harvest/platform/config';
import { cacheConfigFromEnv, cacheEnvShape } from './cache.config';

const parse = (vars: Record<string, string>) =>
  cacheConfigFromEnv(loadConfig(cacheEnvShape, vars), 'catalog');

describe('cacheConfigFromEnv', () => {
  it('defaults to the in-process driver', () => {
    expect(parse({})).toEqual({ driver: 'memory', maxEntries: 10_000 });
  });

  it('builds a Sentinel config with the service name as key prefix', () => {
    expect(
      parse({
        CACHE_DRIVER: 'sentinel',
        REDIS_SENTINELS: '127.0.0.1:26390,127.0.0.1:26391',
        REDIS_SENTINEL_NAME: 'harvest',
      }),
    ).toEqual({
      driver: 'sentinel',
      sentinels: [
        { host: '127.0.0.1', port: 26390 },
        { host: '127.0.0.1', port: 26391 },
      ],
      sentinelName: 'harvest',
      keyPrefix: 'catalog:',
    });
  });

  it('names the variables a chosen driver is missing', () => {
    expect(() => parse({ CACHE_DRIVER: 'redis' })).toThrow(ConfigError);
    expect(() => parse({ CACHE_DRIVER: 'redis' })).toThrow(/REDIS_URL: required when CACHE_DRIVER=redis/);
    expect(() => parse({ CACHE_DRIVER: 'sentinel' })).toThrow(/REDIS_SENTINELS.*REDIS_SENTINEL_NAME/);
  });
});
