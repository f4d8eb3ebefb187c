import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { ImageGcService } from '../garbage-collection/image-gc.service';
import { allVariants, variantFileName } from '../variants/domain/variant-presets';
import { ImageNotFoundError } from './domain/image.errors';
import { Image } from './entities/image.entity';
import { ImageProductLink } from './entities/image-product-link.entity';
import { ImageVariant } from './entities/image-variant.entity';

export interface ImageRecord {
  image: Image;
  variants: ImageVariant[];
  productIds: string[];
}

/**
 * The recorded images: lookup, product links, deletion (its files queued for GC in the same transaction).
 * Uploads add images (uploads/), variants are served by variants/.
 */
@Injectable()
export class ImagesService {
  constructor(
    private readonly db: Database,
    private readonly gc: ImageGcService,
  ) {}

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
        throw new ImageNotFoundError(`image ${imageId}`);
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
      throw new ImageNotFoundError(`link between image ${imageId} and product ${productId}`);
  }

  /** Deletes the image and its rows; its files are queued for GC in the same transaction, then deleted now. */
  async delete(id: string): Promise<void> {
    const objectIds = await this.db.transaction(async (em) => {
      const image = await em.findOne(Image, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!image) throw new ImageNotFoundError(`image ${id}`);
      const variants = await em.find(ImageVariant, { where: { imageId: id } });
      const ids = [image.originalObjectId, ...variants.map((v) => v.objectId)];
      await this.gc.queue(em, ids);
      await em.delete(Image, { id }); // variants and links go with it (ON DELETE CASCADE)
      return ids;
    });
    await this.gc.collect(objectIds);
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
