import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CacheModule } from '@harvest/platform/cache';
import { Database, DatabaseModule, type SchemaDefinition } from '@harvest/platform/database';
import { EventsModule, eventsMigrations } from '@harvest/platform/events';
import { SearchModule } from '@harvest/platform/search';
import type { ServiceConfig } from './service-config';

@Module({})
class WriterDataSourceModule {}

/**
 * The platform under one service: its database (with the outbox and inbox tables migrated beside the
 * service's own), events, cache and search, plus the service's domain modules.
 */
export function serviceModule(config: ServiceConfig, schema: SchemaDefinition, imports: ModuleMetadata['imports'] = []): DynamicModule {
  const withPlatformTables: SchemaDefinition = {
    entities: schema.entities,
    migrations: [...eventsMigrations, ...(schema.migrations as unknown[])] as SchemaDefinition['migrations'],
  };
  // The events library takes a TypeORM DataSource; the writer's is stable across failovers.
  const writerDataSource: DynamicModule = {
    module: WriterDataSourceModule,
    providers: [{ provide: DataSource, inject: [Database], useFactory: (db: Database) => db.writer }],
    exports: [DataSource],
  };
  return {
    module: ServiceRootModule,
    imports: [
      DatabaseModule.forRoot(config.database, withPlatformTables),
      EventsModule.forRoot({ config: config.events, imports: [writerDataSource] }),
      CacheModule.forRoot(config.cache),
      SearchModule.forRoot(config.search),
      ...imports,
    ],
  };
}

@Module({})
class ServiceRootModule {}
