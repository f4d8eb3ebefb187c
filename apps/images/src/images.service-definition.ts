import multipart from '@fastify/multipart';
import type { ServiceDefinition } from '@harvest/platform/runtime';
import { seedDemoImages } from './demo/seed-demo-images';
import { IMAGES_CONFIG, loadImagesConfig } from './images.config';
import { Image } from './images/entities/image.entity';
import { ImageProductLink } from './images/entities/image-product-link.entity';
import { ImageVariant } from './images/entities/image-variant.entity';
import { OrphanObject } from './images/entities/orphan-object.entity';
import { ImagesModule } from './images/images.module';
import { imagesMigrations } from './migrations';

/**
 * The images service as the runtime starts it: its schema, object storage, its settings, its domain module
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
  imports: [ImagesModule],
  seedDemoData: seedDemoImages,
  // Multipart bodies bypass the JSON body limit; each upload route sets its own file-size limit.
  configureServer: async (server) => {
    await server.register(multipart, {
      limits: { files: 1, fields: 0, parts: 1, fileSize: 10 * 1024 * 1024 },
    });
  },
};
