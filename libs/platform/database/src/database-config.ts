import { env, z } from '@harvest/platform/config';

/**
 * Database settings. DB_HOSTS lists every node that may be the primary (after an MHA failover another
 * node becomes it); the writer is whichever answers read_only=OFF. DB_READER_HOSTS are replicas for
 * reads that tolerate replication lag; empty means reads go to the writer.
 */
export const databaseConfigShape = {
  DB_HOSTS: env.hostList('127.0.0.1:3306'),
  DB_READER_HOSTS: env.optionalHostList(),
  DB_USER: env.string('root'),
  DB_PASSWORD: z.string().default(''),
  DB_NAME: env.string(),
  DB_POOL_SIZE: env.int(10, 1),
  DB_CONNECT_TIMEOUT_MS: env.int(3000, 100),
  /** How long a unit of work keeps retrying while the primary is being found again. */
  DB_FAILOVER_TIMEOUT_MS: env.int(30000, 1000),
  /** How often the writer is checked to still be the primary (read_only=OFF); 0 turns the check off. */
  DB_PRIMARY_CHECK_MS: env.int(5000, 0),
  DB_MIGRATIONS_RUN: env.bool(true),
};

export interface DatabaseConfig {
  DB_HOSTS: Array<{ host: string; port: number }>;
  DB_READER_HOSTS: Array<{ host: string; port: number }>;
  DB_USER: string;
  DB_PASSWORD: string;
  DB_NAME: string;
  DB_POOL_SIZE: number;
  DB_CONNECT_TIMEOUT_MS: number;
  DB_FAILOVER_TIMEOUT_MS: number;
  DB_PRIMARY_CHECK_MS: number;
  DB_MIGRATIONS_RUN: boolean;
}
