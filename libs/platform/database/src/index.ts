export { databaseConfigShape, type DatabaseConfig } from './database-config';
export {
  classifyDatabaseFailure,
  isDuplicateKeyError,
  retryDelayMs,
  type DatabaseFailureKind,
} from './database-failure';
export { dataSourceOptions, type SchemaDefinition } from './data-source.factory';
export { Database, type RetryPolicy, type TransactionOptions } from './database.service';
export { DatabaseHealthIndicator } from './database-health.indicator';
export { DatabaseModule } from './database.module';
export { insertRows, selectRows, type InsertResult } from './entity-sql';
export { upsertIfNewer, type UpsertIfNewerOptions } from './upsert-if-newer';
export { destroyDedicatedConnection, openDedicatedConnection } from './dedicated-connection';
export {
  asDatabaseUnavailable,
  DatabaseUnavailableError,
  isWriterUnavailable,
} from './database-unavailable.error';
export { locatePrimary, PrimaryNotFoundError, type DatabaseNode } from './primary-locator';
