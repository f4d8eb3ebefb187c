import { Inject, Injectable, Logger } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import {
  ObjectNotFoundError,
  ObjectStorage,
  ObjectStorageUnavailableError,
  bufferSource,
  fileSource,
  type ObjectSource,
  type StoredObjectRead,
} from '@harvest/platform/object-storage';
import { IMAGES_CONFIG, type ImagesConfig } from '../images.config';
import { EXTENSION_OF, claimedExtension, sniffImageType, type ImageType } from './domain/image-type';
import { allVariants, variantExtension, variantFileName, type VariantName } from './domain/variant-presets';
import { Image } from './entities/image.entity';
import { ImageProductLink } from './entities/image-product-link.entity';
import { ImageVariant } from './entities/image-variant.entity';
import { ImageGcService } from './image-gc.service';
import { receiveUpload } from './image-intake';
import { ImageProblems } from './image-problems';
import {
  readImageHeader,
  renderOriginal,
  renderVariants,
  type ImageHeader,
  type RenderedVariant,
} from './image-rendering';

export interface IncomingFile {
  stream: Readable;
  filename?: string;
  /** True once the multipart parser cut the stream at the size limit. */
  truncated: () => boolean;
  /** Resolves when nothing follows the file in the request; throws a problem naming the part that does. */
  nothingAfter?: () => Promise<void>;
}

export interface ImageRecord {
  image: Image;
  variants: ImageVariant[];
  productIds: string[];
}

/**
 * Upload (type from the bytes, pixel limit from the header, EXIF stripped, SHA-256 dedup, variants rendered
 * and stored before the image is recorded), lookup, product links, deletion. Files go to storage first and
 * the image row after, so a storage outage leaves no image; until that row claims them, stored files are
 * queued for GC (with a grace period), so a crash mid-upload leaves nothing untracked.
 */
@Injectable()
export class ImagesService {
  private readonly logger = new Logger('ImagesService');

  constructor(
    private readonly db: Database,
    private readonly storage: ObjectStorage,
    private readonly gc: ImageGcService,
    @Inject(IMAGES_CONFIG) private readonly config: ImagesConfig,
  ) {}

  async upload(file: IncomingFile, uploadedBy: string): Promise<{ record: ImageRecord; created: boolean }> {
    const watch = { idleTimeoutMs: this.config.IMAGES_UPLOAD_IDLE_TIMEOUT_MS };
    const received = await receiveUpload(file.stream, this.config.IMAGES_TMP_DIR, watch).catch(
      (error: Error) => {
        throw ImageProblems.malformedUpload(error.message);
      },
    );
    const originalPath = `${received.path}.original`;
    try {
      if (file.truncated()) throw ImageProblems.tooLarge(this.config.IMAGES_MAX_UPLOAD_BYTES);
      await file.nothingAfter?.();
      const sniffed = sniffImageType(received.head);
      if (!sniffed.type)
        throw ImageProblems.unsupportedType(sniffed.looksLike, claimedExtension(file.filename));
      const id = received.sha256.slice(0, 24);
      const existing = await this.find(id);
      if (existing && existing.image.sha256 !== received.sha256)
        throw new Error(`image id ${id} collides with another SHA-256`);
      if (existing) return { record: existing, created: false };

      const header = await this.checkedHeader(received.path);
      const type: ImageType = sniffed.type;
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
        throw ImageProblems.storageUnavailable(error.message);
      // The same bytes uploaded at the same moment: the other upload's row stands.
      const winner = isDuplicateKeyError(error) ? await this.find(image.id, { fresh: true }) : null;
      if (winner) return { record: winner, created: false };
      throw error;
    }
  }

  /** `fresh`: read from the writer (right after a write), not from a replica that may lag. */
  async find(id: string, options: { fresh?: boolean } = {}): Promise<ImageRecord | null> {
    const run = <T>(work: (em: EntityManager) => Promise<T>) =>
      options.fresh ? this.db.transaction(work) : this.db.read(work);
    return run(async (em) => {
      const image = await em.findOne(Image, { where: { id } });
      if (!image) return null;
      return { image, ...(await this.details(em, [id])).get(id)! };
    });
  }

  async findByProduct(productId: string): Promise<ImageRecord[]> {
    return this.db.read(async (em) => {
      const links = await em.find(ImageProductLink, {
        where: { productId },
        order: { createdAt: 'ASC', imageId: 'ASC' },
      });
      if (links.length === 0) return [];
      const ids = links.map((l) => l.imageId);
      const images = await em.createQueryBuilder(Image, 'i').where('i.id IN (:...ids)', { ids }).getMany();
      const details = await this.details(em, ids);
      return ids.flatMap((id) => {
        const image = images.find((i) => i.id === id);
        return image ? [{ image, ...details.get(id)! }] : [];
      });
    });
  }

  async link(imageId: string, productId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      if (!(await em.findOne(Image, { where: { id: imageId }, lock: { mode: 'pessimistic_write' } })))
        throw ImageProblems.notFound(`image ${imageId}`);
      await em
        .createQueryBuilder()
        .insert()
        .into(ImageProductLink)
        .values({ imageId, productId })
        .orIgnore()
        .execute();
    });
  }

  async unlink(imageId: string, productId: string): Promise<void> {
    const result = await this.db.transaction((em) => em.delete(ImageProductLink, { imageId, productId }));
    if (!result.affected)
      throw ImageProblems.notFound(`link between image ${imageId} and product ${productId}`);
  }

  /** Deletes the image and its rows; its files are queued for GC in the same transaction, then deleted now. */
  async delete(id: string): Promise<void> {
    const objectIds = await this.db.transaction(async (em) => {
      const image = await em.findOne(Image, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!image) throw ImageProblems.notFound(`image ${id}`);
      const variants = await em.find(ImageVariant, { where: { imageId: id } });
      const ids = [image.originalObjectId, ...variants.map((v) => v.objectId)];
      await this.gc.queue(em, ids);
      await em.delete(Image, { id }); // variants and links go with it (ON DELETE CASCADE)
      return ids;
    });
    await this.gc.collect(objectIds);
  }

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
        throw ImageProblems.storageUnavailable(error.message);
      if (error instanceof ObjectNotFoundError) {
        this.logger.error(`stored file ${objectId} is missing although a row refers to it`);
        throw ImageProblems.notFound('stored file for this image');
      }
      throw error;
    }
  }

  private async checkedHeader(path: string): Promise<ImageHeader> {
    const header = await this.decodeOrReject(() => readImageHeader(path));
    if (header.width * header.height > this.config.IMAGES_MAX_PIXELS) {
      throw ImageProblems.tooManyPixels(header.width, header.height, this.config.IMAGES_MAX_PIXELS);
    }
    return header;
  }

  private async decodeOrReject<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw ImageProblems.undecodable((error as Error).message);
    }
  }

  private async details(em: EntityManager, ids: string[]): Promise<Map<string, Omit<ImageRecord, 'image'>>> {
    const variants = await em
      .createQueryBuilder(ImageVariant, 'v')
      .where('v.imageId IN (:...ids)', { ids })
      .getMany();
    const links = await em
      .createQueryBuilder(ImageProductLink, 'l')
      .where('l.imageId IN (:...ids)', { ids })
      .orderBy('l.productId')
      .getMany();
    return new Map(
      ids.map((id) => [
        id,
        {
          variants: variants.filter((v) => v.imageId === id).sort(byVariantOrder),
          productIds: links.filter((l) => l.imageId === id).map((l) => l.productId),
        },
      ]),
    );
  }
}

const VARIANT_ORDER = allVariants().map(variantFileName);
const byVariantOrder = (a: ImageVariant, b: ImageVariant) =>
  VARIANT_ORDER.indexOf(variantFileName(a)) - VARIANT_ORDER.indexOf(variantFileName(b));
