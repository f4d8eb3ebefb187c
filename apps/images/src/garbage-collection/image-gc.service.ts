import { Inject, Injectable } from '@nestjs/common';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { ObjectStorage } from '@harvest/platform/object-storage';
import { PeriodicJobProvider } from '@harvest/platform/scheduling';
import { IMAGES_CONFIG, type ImagesConfig } from '../config/images.config';
import { OrphanObject } from './entities/orphan-object.entity';

/**
 * Queue rows one timer run takes, oldest due first. One batch per run, not a loop until a short batch: a
 * failed row is due again at once, so a loop would retry the same unreachable files within the same run.
 */
const BATCH = 200;

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
export class ImageGcService extends PeriodicJobProvider<GcResult> {
  constructor(
    private readonly db: Database,
    private readonly storage: ObjectStorage,
    @Inject(IMAGES_CONFIG) private readonly config: ImagesConfig,
  ) {
    super({ name: 'ImageGc', everyMs: config.IMAGES_GC_INTERVAL_MS });
  }

  /** The timer's run: the oldest batch due. */
  protected run(signal: AbortSignal): Promise<GcResult> {
    return this.collectDue(signal);
  }

  /** The run in progress finishes (or stops at its next file) before storage closes under it. */
  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
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

  /**
   * Deletes queued files; each success removes its queue row. With ids (a deleted image, a failed upload):
   * those files, now. Without: the oldest batch due, as the timer's run; a run already in progress (timer or
   * another caller) is joined, not started again, so two runs never delete the same files side by side.
   */
  async collect(objectIds?: string[]): Promise<GcResult> {
    if (!objectIds) return this.job.runNow();
    const queued = await this.db.transaction((em) =>
      em.find(OrphanObject, { where: { objectId: In(objectIds) } }),
    );
    return this.deleteQueued(queued);
  }

  private async collectDue(signal: AbortSignal): Promise<GcResult> {
    const due = await this.db.transaction((em) =>
      em.find(OrphanObject, {
        where: { collectAfter: LessThanOrEqual(new Date()) },
        order: { collectAfter: 'ASC' },
        take: BATCH,
      }),
    );
    return this.deleteQueued(due, signal);
  }

  /** Once `signal` is aborted (shutdown) no further file is started: the rest stays queued and due. */
  private async deleteQueued(orphans: OrphanObject[], signal?: AbortSignal): Promise<GcResult> {
    const result: GcResult = { deleted: 0, failed: 0 };
    for (const orphan of orphans) {
      if (signal?.aborted) break;
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
      // A hold that failed queued nothing, and collect() deletes only queued files: queue them (rows already
      // there are kept) so each one is deleted now or, if storage refuses, retried by the timer.
      await this.db.transaction((em) => this.queue(em, objectIds));
      await this.collect(objectIds);
    } catch (error) {
      this.logger.warn(`could not use the GC queue for ${objectIds.join(', ')}: ${(error as Error).message}`);
      for (const id of objectIds) await this.storage.delete(id).catch(() => undefined);
    }
  }
}
