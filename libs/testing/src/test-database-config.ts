import type { DatabaseConfig } from '@harvest/platform/database';

export function testDatabaseConfig(overrides: Partial<DatabaseConfig> & { DB_NAME: string }): DatabaseConfig {
  return {
    DB_HOSTS: [{ host: '127.0.0.1', port: 3306 }],
    DB_READER_HOSTS: [],
    DB_USER: 'root',
    DB_PASSWORD: '',
    DB_POOL_SIZE: 5,
    DB_CONNECT_TIMEOUT_MS: 2000,
    DB_FAILOVER_TIMEOUT_MS: 20000,
    DB_PRIMARY_CHECK_MS: 0,
    DB_MIGRATIONS_RUN: true,
    ...overrides,
  };
}
