import multipart from '@fastify/multipart';
import type { Env } from '@harvest/platform/config';
import type { ServiceDefinition } from '@harvest/platform/runtime';
import { seedDemoImages } from './demo/seed-demo-images';
import { Image } from './images/entities/image.entity';
import { ImageProductLink } from './images/entities/image-product-link.entity';
import { ImageVariant } from './images/entities/image-variant.entity';
import { OrphanObject } from './images/entities/orphan-object.entity';
import { ImagesModule } from './images/images.module';
import { imagesMigrations } from './migrations';

/**
 * The images service as the runtime starts it: its schema, its domain module (reading its settings from
 * `env`) and the multipart parser. The platform comes from @harvest/platform/runtime.
 */
export function imagesServiceDefinition(env: Env = process.env): ServiceDefinition {
  return {
    name: 'images',
    port: 3005,
    schema: { entities: [Image, ImageVariant, ImageProductLink, OrphanObject], migrations: imagesMigrations },
    imports: [ImagesModule.forRoot(env)],
    seedDemoData: seedDemoImages,
    // Multipart bodies bypass the JSON body limit; each upload route sets its own file-size limit.
    configureServer: async (server) => {
      await server.register(multipart, {
        limits: { files: 1, fields: 0, parts: 1, fileSize: 10 * 1024 * 1024 },
      });
    },
  };
}

export const imagesService: ServiceDefinition = imagesServiceDefinition();
