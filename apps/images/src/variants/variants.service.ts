import { Injectable, Logger } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
import {
  ObjectNotFoundError,
  ObjectStorage,
  ObjectStorageUnavailableError,
  type StoredObjectRead,
} from '@harvest/platform/object-storage';
import { ImageNotFoundError, ImageStorageUnavailableError } from '../images/domain/image.errors';
import { ImageVariant } from '../images/entities/image-variant.entity';
import type { VariantName } from './domain/variant-presets';

/** The rendered variants of an image, as recorded and as stored. */
@Injectable()
export class VariantsService {
  private readonly logger = new Logger('VariantsService');

  constructor(
    private readonly db: Database,
    private readonly storage: ObjectStorage,
  ) {}

  async variant(imageId: string, name: VariantName): Promise<ImageVariant | null> {
    return this.db.read((em) =>
      em.findOne(ImageVariant, { where: { imageId, preset: name.preset, format: name.format } }),
    );
  }

  async openStored(objectId: string): Promise<StoredObjectRead> {
    try {
      return await this.storage.open(objectId);
    } catch (error) {
      if (error instanceof ObjectStorageUnavailableError)
        throw new ImageStorageUnavailableError(error.message);
      if (error instanceof ObjectNotFoundError) {
        this.logger.error(`stored file ${objectId} is missing although a row refers to it`);
        throw new ImageNotFoundError('stored file for this image');
      }
      throw error;
    }
  }
}
