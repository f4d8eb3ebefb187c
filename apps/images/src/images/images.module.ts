import { Module, Optional, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import type { Env } from '@harvest/platform/config';
import { HealthRegistry } from '@harvest/platform/health';
import {
  ObjectStorage,
  ObjectStorageHealthIndicator,
  createObjectStorage,
} from '@harvest/platform/object-storage';
import { IMAGES_CONFIG, loadImagesConfig, type ImagesConfig } from '../images.config';
import { ImageGcService } from './image-gc.service';
import { ImageUrlsService } from './image-urls.service';
import { ImagesController } from './images.controller';
import { ImagesService } from './images.service';
import { ProductImagesController } from './product-images.controller';

@Module({})
export class ImagesModule implements OnModuleInit {
  constructor(
    private readonly storage: ObjectStorage,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  /** Readiness names the object storage (degraded, not unready, when it is down). */
  onModuleInit(): void {
    this.health?.register(new ObjectStorageHealthIndicator(this.storage));
  }

  /** Reads IMAGES_* and the object storage settings from `env` when the app is built (a bad one is a ConfigError). */
  static forRoot(env: Env): DynamicModule {
    return {
      module: ImagesModule,
      controllers: [ImagesController, ProductImagesController],
      providers: [
        { provide: IMAGES_CONFIG, useFactory: () => loadImagesConfig(env) },
        {
          provide: ObjectStorage,
          inject: [IMAGES_CONFIG],
          useFactory: (config: ImagesConfig) => createObjectStorage(config),
        },
        ImagesService,
        ImageUrlsService,
        ImageGcService,
      ],
      exports: [ImagesService, ObjectStorage],
    };
  }
}
