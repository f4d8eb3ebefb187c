import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { ObjectStorage } from '@harvest/platform/object-storage';
import { IMAGES_CONFIG, type ImagesConfig } from '../images.config';
import { OrphanObject } from './entities/orphan-object.entity';

export interface GcResult {
  deleted: number;
  failed: number;
}

/**
 * Deletes stored files no image refers to. Every file is in `orphan_object` from the moment an upload stores
 * it until its image row claims it, and again from the transaction that deletes its image. Files are
 * deleted here, at once where possible and on a timer, so a storage outage or a crash only delays it.
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

  /** Queues files for deletion; `collectAfter` defaults to now (eligible at the next run). */
  async queue(em: EntityManager, objectIds: string[], collectAfter = new Date()): Promise<void> {
    if (objectIds.length === 0) return;
    await em
      .createQueryBuilder()
      .insert()
      .into(OrphanObject)
      .values(objectIds.map((objectId) => ({ objectId, collectAfter })))
      .orIgnore()
      // Nobody reads the defaults back: without this TypeORM re-selects every row it just inserted.
      .updateEntity(false)
      .execute();
  }

  /** Records files an upload has just stored, out of GC's reach while that upload may still commit. */
  hold(objectIds: string[]): Promise<void> {
    if (objectIds.length === 0) return Promise.resolve();
    return this.db.transaction((em) =>
      this.queue(em, objectIds, new Date(Date.now() + this.config.IMAGES_GC_GRACE_MS)),
    );
  }

  /** In the upload's transaction: its image row now refers to these files. */
  async claim(em: EntityManager, objectIds: string[]): Promise<void> {
    if (objectIds.length > 0) await em.delete(OrphanObject, { objectId: In(objectIds) });
  }

  /** Deletes queued files (these ids, or the oldest batch due); each success removes its queue row. */
  async collect(objectIds?: string[], batch = 200): Promise<GcResult> {
    const orphans = await this.db.transaction((em) =>
      objectIds
        ? em.find(OrphanObject, { where: { objectId: In(objectIds) } })
        : em.find(OrphanObject, {
            where: { collectAfter: LessThanOrEqual(new Date()) },
            order: { collectAfter: 'ASC' },
            take: batch,
          }),
    );
    const result: GcResult = { deleted: 0, failed: 0 };
    for (const orphan of orphans) {
      try {
        await this.storage.delete(orphan.objectId);
        await this.db.transaction((em) => em.delete(OrphanObject, { objectId: orphan.objectId }));
        result.deleted++;
      } catch (error) {
        result.failed++;
        const lastError = (error as Error).message.slice(0, 500);
        await this.db
          .transaction((em) =>
            em.update(
              OrphanObject,
              { objectId: orphan.objectId },
              { attempts: orphan.attempts + 1, lastError, collectAfter: new Date() },
            ),
          )
          .catch(() => undefined);
      }
    }
    if (result.deleted + result.failed > 0)
      this.logger.log(`GC: ${result.deleted} file(s) deleted, ${result.failed} left for the next run`);
    return result;
  }

  /**
   * Files a failed upload stored: deleted now. Those that cannot be (storage down) stay queued and become
   * due at once; if the database is out too, the files are deleted directly, best effort.
   */
  async discard(objectIds: string[]): Promise<void> {
    if (objectIds.length === 0) return;
    try {
      await this.collect(objectIds);
    } catch (error) {
      this.logger.warn(`could not use the GC queue for ${objectIds.join(', ')}: ${(error as Error).message}`);
      for (const id of objectIds) await this.storage.delete(id).catch(() => undefined);
    }
  }
}
