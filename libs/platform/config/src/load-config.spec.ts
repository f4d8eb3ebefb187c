import { ConfigError, env, loadConfig } from './index';

describe('loadConfig', () => {
  const shape = {
    HTTP_PORT: env.port(3000),
    DB_HOSTS: env.hostList(),
    CACHE_DRIVER: env.oneOf(['memory', 'redis'], 'memory'),
  };

  it('coerces and defaults values', () => {
    const config = loadConfig(shape, { DB_HOSTS: '127.0.0.1:3306,db2:3307' });
    expect(config).toEqual({
      HTTP_PORT: 3000,
      DB_HOSTS: [
        { host: '127.0.0.1', port: 3306 },
        { host: 'db2', port: 3307 },
      ],
      CACHE_DRIVER: 'memory',
    });
  });

  it('names every bad or missing variable', () => {
    let caught: unknown;
    try {
      loadConfig(shape, { HTTP_PORT: 'eighty', CACHE_DRIVER: 'memcached' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain('HTTP_PORT');
    expect(message).toContain('DB_HOSTS');
    expect(message).toContain('CACHE_DRIVER');
    expect((caught as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
      'CACHE_DRIVER',
      'DB_HOSTS',
      'HTTP_PORT',
    ]);
  });

  it('rejects a host list entry that is not host:port and says which', () => {
    expect(() => loadConfig(shape, { DB_HOSTS: '127.0.0.1' })).toThrow(
      /DB_HOSTS: "127.0.0.1" is not host:port/,
    );
  });
});

describe('env.optionalHostList', () => {
  it('treats unset as an empty list and still rejects a malformed entry', () => {
    const shape = { DB_READER_HOSTS: env.optionalHostList() };
    expect(loadConfig(shape, {}).DB_READER_HOSTS).toEqual([]);
    expect(loadConfig(shape, { DB_READER_HOSTS: 'r1:3307' }).DB_READER_HOSTS).toEqual([
      { host: 'r1', port: 3307 },
    ]);
    expect(() => loadConfig(shape, { DB_READER_HOSTS: 'r1' })).toThrow(/DB_READER_HOSTS/);
  });
});
