import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { healthCheckProvider } from '@harvest/platform/health';
import { registerDomainErrorTranslator } from '@harvest/platform/errors';
import type { DatabaseConfig } from './database-config';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { asDatabaseUnavailable } from './database-unavailable.error';
import { Database } from './database.service';
import type { SchemaDefinition } from './data-source.factory';

const DATABASE_CLOSER = Symbol('DATABASE_CLOSER');

/** Provides the service's `Database` (writer, readers, migrations run at start) to the whole app. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: DatabaseConfig, schema: SchemaDefinition): DynamicModule {
    registerDomainErrorTranslator(asDatabaseUnavailable);
    return {
      module: DatabaseModule,
      providers: [
        { provide: Database, useFactory: () => Database.connect(config, schema) },
        healthCheckProvider({
          inject: [Database],
          useFactory: (database: Database) => new DatabaseHealthIndicator(database),
        }),
        { provide: DATABASE_CLOSER, useClass: DatabaseCloser },
      ],
      exports: [Database],
    };
  }
}

class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Optional() @Inject(Database) private readonly database?: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database?.close();
  }
}
