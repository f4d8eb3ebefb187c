import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { ObjectStorage } from '@harvest/platform/object-storage';
import { IMAGES_CONFIG, type ImagesConfig } from '../images.config';
import { OrphanObject } from './entities/orphan-object.entity';

export interface GcResult {
  deleted: number;
  failed: number;
}

/**
 * Deletes stored files no image refers to. They are queued in `orphan_object` (in the transaction that
 * deletes an image, or when an upload stored files it could not record) and deleted here, now and on a
 * timer, so a storage outage during deletion only delays it.
 */
@Injectable()
export class ImageGcService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ImageGc');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly storage: ObjectStorage,
    @Inject(IMAGES_CONFIG) private readonly config: ImagesConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.IMAGES_GC_INTERVAL_MS === 0) return;
    this.timer = setInterval(
      () => void this.collect().catch((e: Error) => this.logger.warn(`GC run failed: ${e.message}`)),
      this.config.IMAGES_GC_INTERVAL_MS,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.storage.close();
  }

  async queue(em: EntityManager, objectIds: string[]): Promise<void> {
    if (objectIds.length === 0) return;
    await em
      .createQueryBuilder()
      .insert()
      .into(OrphanObject)
      .values(objectIds.map((objectId) => ({ objectId })))
      .orIgnore()
      .execute();
  }

  /** Deletes queued files (these ids only, or a batch of the oldest); each success removes its queue row. */
  async collect(objectIds?: string[], batch = 200): Promise<GcResult> {
    const orphans = await this.db.transaction((em) =>
      objectIds
        ? em.find(OrphanObject, { where: { objectId: In(objectIds) } })
        : em.find(OrphanObject, { order: { queuedAt: 'ASC' }, take: batch }),
    );
    const result: GcResult = { deleted: 0, failed: 0 };
    for (const orphan of orphans) {
      try {
        await this.storage.delete(orphan.objectId);
        await this.db.transaction((em) => em.delete(OrphanObject, { objectId: orphan.objectId }));
        result.deleted++;
      } catch (error) {
        result.failed++;
        const message = (error as Error).message.slice(0, 500);
        await this.db
          .transaction((em) =>
            em
              .increment(OrphanObject, { objectId: orphan.objectId }, 'attempts', 1)
              .then(() => em.update(OrphanObject, { objectId: orphan.objectId }, { lastError: message })),
          )
          .catch(() => undefined);
      }
    }
    if (result.deleted + result.failed > 0)
      this.logger.log(`GC: ${result.deleted} file(s) deleted, ${result.failed} left for the next run`);
    return result;
  }

  /**
   * Files an upload stored but will not record: deleted now; any that cannot be (storage down) are queued,
   * best effort, because the upload is already failing for its own reason.
   */
  async discard(objectIds: string[]): Promise<void> {
    const left: string[] = [];
    for (const id of objectIds) await this.storage.delete(id).catch(() => left.push(id));
    if (left.length === 0) return;
    await this.db
      .transaction((em) => this.queue(em, left))
      .catch((e: Error) =>
        this.logger.error(`could not queue orphaned files ${left.join(', ')}: ${e.message}`),
      );
  }

  pending(): Promise<number> {
    return this.db.read((em) => em.count(OrphanObject));
  }
}
