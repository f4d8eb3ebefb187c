import multipart from '@fastify/multipart';
import type { ServiceDefinition } from '@harvest/platform/runtime';
import { seedDemoImages } from './demo/seed-demo-images';
import { IMAGES_CONFIG, loadImagesConfig } from './config/images.config';
import { Image } from './images/entities/image.entity';
import { ImageProductLink } from './images/entities/image-product-link.entity';
import { ImageVariant } from './images/entities/image-variant.entity';
import { OrphanObject } from './garbage-collection/entities/orphan-object.entity';
import { GarbageCollectionModule } from './garbage-collection/garbage-collection.module';
import { ImageUrlsModule } from './image-urls/image-urls.module';
import { ImagesModule } from './images/images.module';
import { UploadsModule } from './uploads/uploads.module';
import { VariantsModule } from './variants/variants.module';
import { imagesMigrations } from './migrations';

/**
 * The images service as the runtime starts it: its schema, object storage, its settings, its feature modules
 * and the multipart parser. The platform comes from @harvest/platform/runtime.
 */
export const imagesService: ServiceDefinition = {
  name: 'images',
  port: 3005,
  schema: { entities: [Image, ImageVariant, ImageProductLink, OrphanObject], migrations: imagesMigrations },
  uses: ['objectStorage'],
  // Local files of the embedded default go beside the other run data, under their own name.
  envDefaults: { OBJECT_STORAGE_LOCAL_DIR: '.cache/run/images' },
  config: { token: IMAGES_CONFIG, load: loadImagesConfig },
  imports: [ImagesModule, UploadsModule, VariantsModule, ImageUrlsModule, GarbageCollectionModule],
  seedDemoData: seedDemoImages,
  // Multipart bodies bypass the JSON body limit; each upload route sets its own file-size limit.
  configureServer: async (server) => {
    await server.register(multipart, {
      limits: { files: 1, fields: 0, parts: 1, fileSize: 10 * 1024 * 1024 },
    });
  },
};
