import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CacheModule } from '@harvest/platform/cache';
import { Database, DatabaseModule, type SchemaDefinition } from '@harvest/platform/database';
import { EventsModule, eventsMigrations, type TransactionRunner } from '@harvest/platform/events';
import { IdempotencyModule, idempotencyMigrations } from '@harvest/platform/idempotency';
import { SearchModule } from '@harvest/platform/search';
import type { ServiceConfig } from './service-config';

@Module({})
class ServiceRootModule {}

/**
 * The platform under one service: its database (with the outbox, inbox and idempotency-key tables migrated
 * beside the service's own), events, idempotent writes, cache and search, plus the service's domain modules.
 */
export function serviceModule(config: ServiceConfig, schema: SchemaDefinition, imports: ModuleMetadata['imports'] = []): DynamicModule {
  const withPlatformTables: SchemaDefinition = {
    entities: schema.entities,
    migrations: [...eventsMigrations, ...idempotencyMigrations, ...(schema.migrations as unknown[])] as SchemaDefinition['migrations'],
  };
  return {
    module: ServiceRootModule,
    imports: [
      DatabaseModule.forRoot(config.database, withPlatformTables),
      EventsModule.forRoot({
        config: config.events,
        // The writer DataSource is one object across failovers, so the relay and the event log can hold it.
        dataSource: { inject: [Database], useFactory: (db: Database) => db.writer },
        // An inbox transaction recognises its own earlier commit (the inbox row), so even a COMMIT whose
        // outcome was lost in a failover may be run again.
        transactionRunner: {
          inject: [Database],
          useFactory: (db: Database): TransactionRunner => ({
            transaction: <T>(work: (em: EntityManager) => Promise<T>) => db.transaction(work, { retry: 'idempotent' }),
          }),
        },
      }),
      IdempotencyModule,
      CacheModule.forRoot(config.cache),
      SearchModule.forRoot(config.search),
      ...imports,
    ],
  };
}
