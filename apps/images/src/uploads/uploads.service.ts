import { Inject, Injectable } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import {
  ObjectStorage,
  ObjectStorageUnavailableError,
  bufferSource,
  fileSource,
  type ObjectSource,
} from '@harvest/platform/object-storage';
import { IMAGES_CONFIG, type ImagesConfig } from '../config/images.config';
import { ImageGcService } from '../garbage-collection/image-gc.service';
import { EXTENSION_OF } from '../images/domain/image-type';
import { ImageStorageUnavailableError } from '../images/domain/image.errors';
import { Image } from '../images/entities/image.entity';
import { ImageVariant } from '../images/entities/image-variant.entity';
import { ImagesService, type ImageRecord } from '../images/images.service';
import { variantExtension } from '../variants/domain/variant-presets';
import {
  readImageHeader,
  renderOriginal,
  renderVariants,
  type ImageHeader,
  type RenderedVariant,
} from '../variants/image-rendering';
import { ImagePixelLimitError, UndecodableImageError } from './domain/upload.errors';
import type { ReceivedImage } from './upload-request';

/**
 * Upload of an image received whole and typed from its bytes (upload-request.ts): pixel limit from the
 * header, EXIF stripped, SHA-256 dedup, variants rendered and stored before the image is recorded. Files go
 * to storage first and the image row after, so a storage outage leaves no image; until that row claims
 * them, stored files are queued for GC (with a grace period), so a crash mid-upload leaves nothing untracked.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly db: Database,
    private readonly storage: ObjectStorage,
    private readonly images: ImagesService,
    private readonly gc: ImageGcService,
    @Inject(IMAGES_CONFIG) private readonly config: ImagesConfig,
  ) {}

  /** Takes over the received file: it is removed when the upload is done, whatever the outcome. */
  async upload(
    received: ReceivedImage,
    uploadedBy: string,
  ): Promise<{ record: ImageRecord; created: boolean }> {
    const originalPath = `${received.path}.original`;
    try {
      const id = received.sha256.slice(0, 24);
      const existing = await this.images.find(id);
      if (existing && existing.image.sha256 !== received.sha256)
        throw new Error(`image id ${id} collides with another SHA-256`);
      if (existing) return { record: existing, created: false };

      const header = await this.checkedHeader(received.path);
      const type = received.type;
      const [originalBytes, variants] = await this.decodeOrReject(async () => [
        await renderOriginal(received.path, type, this.config.IMAGES_MAX_PIXELS, originalPath),
        await renderVariants(received.path, this.config.IMAGES_MAX_PIXELS),
      ]);
      const image = Object.assign(new Image(), {
        id,
        sha256: received.sha256,
        format: type,
        width: header.width,
        height: header.height,
        uploadBytes: received.size,
        originalBytes,
        uploadedBy,
      });
      return await this.storeAndRecord(image, fileSource(originalPath, originalBytes), variants);
    } finally {
      await rm(received.path, { force: true });
      await rm(originalPath, { force: true });
    }
  }

  /**
   * Stores the original and the variants, then records them in one transaction. The stored files are held
   * in the GC queue (one transaction for all of them) until that transaction claims them; on failure the
   * files are deleted again.
   */
  private async storeAndRecord(
    image: Image,
    original: ObjectSource,
    variants: RenderedVariant[],
  ): Promise<{ record: ImageRecord; created: boolean }> {
    const stored: string[] = [];
    try {
      // The files do not depend on each other: stored side by side rather than one after the other.
      const puts = await Promise.allSettled([
        this.storage.put(original, EXTENSION_OF[image.format]),
        ...variants.map((v) => this.storage.put(bufferSource(v.bytes), variantExtension(v.format))),
      ]);
      for (const put of puts) if (put.status === 'fulfilled') stored.push(put.value);
      await this.gc.hold(stored);
      const failed = puts.find((put) => put.status === 'rejected');
      if (failed) throw failed.reason;
      const [originalObjectId, ...variantObjectIds] = stored;
      image.originalObjectId = originalObjectId!;
      const variantRows = variants.map(({ preset, format, width, height, bytes }, i) =>
        Object.assign(new ImageVariant(), {
          imageId: image.id,
          preset,
          format,
          objectId: variantObjectIds[i]!,
          width,
          height,
          bytes: bytes.length,
        }),
      );
      await this.db.transaction(async (em) => {
        await em.insert(Image, image); // reads created_at back into `image`
        await em.insert(ImageVariant, variantRows);
        await this.gc.claim(em, stored);
      });
      // The rows just written, as find() would read them back: variants in preset order (rendered in that
      // order), created_at from the database, and no product links (link() needs the committed image row).
      return { record: { image, variants: variantRows, productIds: [] }, created: true };
    } catch (error) {
      await this.gc.discard(stored);
      if (error instanceof ObjectStorageUnavailableError)
        throw new ImageStorageUnavailableError(error.message);
      // The same bytes uploaded at the same moment: the other upload's row stands.
      const winner = isDuplicateKeyError(error) ? await this.images.find(image.id, { fresh: true }) : null;
      if (winner) return { record: winner, created: false };
      throw error;
    }
  }

  private async checkedHeader(path: string): Promise<ImageHeader> {
    const header = await this.decodeOrReject(() => readImageHeader(path));
    if (header.width * header.height > this.config.IMAGES_MAX_PIXELS) {
      throw new ImagePixelLimitError(header.width, header.height, this.config.IMAGES_MAX_PIXELS);
    }
    return header;
  }

  private async decodeOrReject<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new UndecodableImageError((error as Error).message);
    }
  }
}
