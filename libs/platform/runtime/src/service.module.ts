import { Global, Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CacheModule } from '@harvest/platform/cache';
import { Database, DatabaseModule, type SchemaDefinition } from '@harvest/platform/database';
import { EventsModule, eventsMigrations, type TransactionRunner } from '@harvest/platform/events';
import { IdempotencyModule, idempotencyMigrations } from '@harvest/platform/idempotency';
import { ObjectStorageModule } from '@harvest/platform/object-storage';
import { SearchModule } from '@harvest/platform/search';
import { SmsModule } from '@harvest/platform/sms';
import type { OwnConfig, ServiceConfig } from './service-config';

@Module({})
class ServiceRootModule {}

/** The service's own validated settings, under the token its definition names, for every module of the service. */
@Global()
@Module({})
class OwnConfigModule {
  static forRoot(ownConfig: OwnConfig, value: unknown): DynamicModule {
    return {
      module: OwnConfigModule,
      providers: [{ provide: ownConfig.token, useValue: value }],
      exports: [ownConfig.token],
    };
  }
}

/**
 * The platform under one service: its database (with the outbox, inbox and idempotency-key tables migrated
 * beside the service's own), events and idempotent writes; cache, search, object storage and SMS only when
 * the service uses them (their config is present only then); its own settings; then its feature modules.
 */
export function serviceModule(
  config: ServiceConfig,
  schema: SchemaDefinition,
  imports: ModuleMetadata['imports'] = [],
  ownConfig?: OwnConfig,
): DynamicModule {
  const withPlatformTables: SchemaDefinition = {
    entities: schema.entities,
    migrations: [
      ...eventsMigrations,
      ...idempotencyMigrations,
      ...(schema.migrations as unknown[]),
    ] as SchemaDefinition['migrations'],
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
            transaction: <T>(work: (em: EntityManager) => Promise<T>) =>
              db.transaction(work, { retry: 'idempotent' }),
          }),
        },
      }),
      IdempotencyModule,
      ...(config.cache ? [CacheModule.forRoot(config.cache)] : []),
      ...(config.search ? [SearchModule.forRoot(config.search)] : []),
      ...(config.objectStorage ? [ObjectStorageModule.forRoot(config.objectStorage)] : []),
      ...(config.sms ? [SmsModule.forRoot(config.sms)] : []),
      ...(ownConfig ? [OwnConfigModule.forRoot(ownConfig, config.own)] : []),
      ...imports,
    ],
  };
}
