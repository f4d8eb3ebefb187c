import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { Socket } from 'node:net';
import { createConnection } from 'mysql2/promise';
import type { DatabaseNode } from './primary-locator';

/* eslint-disable @typescript-eslint/no-unsafe-function-type */
export interface SchemaDefinition {
  /** Entity classes of the service's schema. */
  entities: MixedList<Function | string | EntitySchema>;
  /** Migration classes, in order; the only way the schema changes outside tests. */
  migrations: MixedList<Function | string>;
}
/* eslint-enable @typescript-eslint/no-unsafe-function-type */

export interface ConnectionSettings {
  user: string;
  password: string;
  database: string;
  poolSize: number;
  connectTimeoutMs: number;
}

/**
 * TypeORM options for one endpoint. With `dial`, the pool opens its sockets through it instead of to
 * host:port, which is how the writer follows the primary (see WriterDialer).
 */
export function dataSourceOptions(
  node: DatabaseNode,
  settings: ConnectionSettings,
  schema: SchemaDefinition,
  dial?: () => Socket,
): DataSourceOptions {
  return {
    // TypeORM 1 drives MySQL/MariaDB through mysql2 only (its connectorPackage option is gone).
    type: 'mysql',
    host: node.host,
    port: node.port,
    username: settings.user,
    password: settings.password,
    database: settings.database,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    poolSize: settings.poolSize,
    // UTC on the wire, utf8mb4 for Chinese names; BIGINT columns come back as strings only when they exceed 2^53.
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectTimeout: settings.connectTimeoutMs,
    extra: {
      connectTimeout: settings.connectTimeoutMs,
      enableKeepAlive: true,
      ...(dial ? { stream: dial } : {}),
    },
  };
}

export async function openDataSource(
  node: DatabaseNode,
  settings: ConnectionSettings,
  schema: SchemaDefinition,
  dial?: () => Socket,
): Promise<DataSource> {
  return new DataSource(dataSourceOptions(node, settings, schema, dial)).initialize();
}

/** Each service owns one schema; it is created on first start so a fresh MySQL needs nothing by hand. */
export async function ensureSchemaExists(node: DatabaseNode, settings: ConnectionSettings): Promise<void> {
  if (!/^[A-Za-z0-9_]+$/.test(settings.database))
    throw new Error(`DB_NAME "${settings.database}" must be letters, digits and _`);
  const connection = await createConnection({
    host: node.host,
    port: node.port,
    user: settings.user,
    password: settings.password,
    connectTimeout: settings.connectTimeoutMs,
  });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${settings.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}
