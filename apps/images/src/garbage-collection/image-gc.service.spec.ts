import { Logger } from '@nestjs/common';
import type { Database } from '@harvest/platform/database';
import type { ObjectStorage } from '@harvest/platform/object-storage';
import type { ImagesConfig } from '../config/images.config';
import type { OrphanObject } from './entities/orphan-object.entity';
import { ImageGcService } from './image-gc.service';

const EVERY_MS = 1000;

/**
 * A GC over a fake queue of `ids` (all due) and a storage whose deletes wait until the test releases them.
 * `events` records, in order, each run's queue read, each storage delete's start and end, and storage close.
 */
function gcWith(ids: string[]) {
  const events: string[] = [];
  const queue = new Map(ids.map((objectId) => [objectId, { objectId, attempts: 0 } as OrphanObject]));
  let releaseDeletes!: () => void;
  const deletesReleased = new Promise<void>((resolve) => (releaseDeletes = resolve));
  let deleting = 0;
  let maxDeleting = 0;

  const em = {
    find: async () => {
      events.push('read queue');
      return [...queue.values()];
    },
    delete: async (_entity: unknown, where: { objectId: string }) => void queue.delete(where.objectId),
    update: async () => undefined,
  };
  const db = { transaction: async (work: (e: typeof em) => Promise<unknown>) => work(em) };
  const storage = {
    delete: async (id: string) => {
      events.push(`delete ${id}`);
      maxDeleting = Math.max(maxDeleting, ++deleting);
      await deletesReleased;
      deleting--;
      events.push(`deleted ${id}`);
    },
    close: async () => void events.push('close'),
  };
  const gc = new ImageGcService(
    db as unknown as Database,
    storage as unknown as ObjectStorage,
    { IMAGES_GC_INTERVAL_MS: EVERY_MS, IMAGES_GC_GRACE_MS: 0 } as ImagesConfig,
  );
  return { gc, events, queue, releaseDeletes, maxDeleting: () => maxDeleting };
}

describe('ImageGcService timer and shutdown', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));
  afterEach(() => jest.useRealTimers());

  it('never runs two collects at once: ticks during a slow run skip, and POST /images/gc joins it', async () => {
    jest.useFakeTimers();
    const { gc, events, queue, releaseDeletes, maxDeleting } = gcWith(['f1', 'f2']);
    gc.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(EVERY_MS);
    expect(events).toEqual(['read queue', 'delete f1']); // the first run waits on storage

    await jest.advanceTimersByTimeAsync(5 * EVERY_MS); // five ticks while it is still going
    const admin = gc.collect(); // the admin route's run
    await jest.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['read queue', 'delete f1']);

    releaseDeletes();
    await expect(admin).resolves.toEqual({ deleted: 2, failed: 0 });
    expect(queue.size).toBe(0);
    expect(maxDeleting()).toBe(1);
    expect(events.filter((e) => e === 'read queue')).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(EVERY_MS); // the timer runs again once the run is over
    expect(events.filter((e) => e === 'read queue')).toHaveLength(2);
    await gc.onApplicationShutdown();
  });

  it('at shutdown, waits for the running collect before storage closes, and starts no further file', async () => {
    const { gc, events, queue, releaseDeletes } = gcWith(['f1', 'f2', 'f3']);
    const running = gc.collect();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['read queue', 'delete f1']);

    let closed = false;
    const shutdown = gc.onApplicationShutdown().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    expect(events).not.toContain('close');

    releaseDeletes();
    await shutdown;
    await expect(running).resolves.toEqual({ deleted: 1, failed: 0 });
    expect(events).toEqual(['read queue', 'delete f1', 'deleted f1', 'close']);
    expect([...queue.keys()]).toEqual(['f2', 'f3']); // still queued and due: the next start deletes them
  });
});
