import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import { healthCheckProvider } from '@harvest/platform/health';
import { createObjectStorage, type ObjectStorageEnv } from './object-storage.config';
import { ObjectStorageHealthIndicator } from './object-storage-health.indicator';
import { ObjectStorage } from './object-storage.port';

/**
 * `ObjectStorageModule.forRoot(config)` provides the `ObjectStorage` port to the whole application, adds
 * "object-storage" to readiness and closes the storage on shutdown. Global modules shut down after the
 * others, so a job still using the storage has stopped before it closes (images' GC also closes it after its
 * last run; closing twice is harmless).
 */
@Module({})
export class ObjectStorageModule implements OnApplicationShutdown {
  static forRoot(config: ObjectStorageEnv): DynamicModule {
    return {
      module: ObjectStorageModule,
      global: true,
      providers: [
        { provide: ObjectStorage, useFactory: () => createObjectStorage(config) },
        healthCheckProvider({
          inject: [ObjectStorage],
          useFactory: (storage: ObjectStorage) => new ObjectStorageHealthIndicator(storage),
        }),
      ],
      exports: [ObjectStorage],
    };
  }

  constructor(private readonly storage: ObjectStorage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
