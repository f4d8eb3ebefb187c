import type { Client } from '@elastic/elasticsearch';
import { Logger } from '@nestjs/common';
import type { Database } from '@harvest/platform/database';
import type { CatalogConfig } from '../config/catalog.config';
import { InProcessSearchIndex } from './in-process-search-index.service';
import { SearchIndexSyncService } from './search-index-sync.service';

const EVERY_MS = 500;

/**
 * The catch-up queue over a fake database: `find` is the queue read (what the test makes it do), the document
 * load and the delete of written rows succeed and are recorded in `calls`.
 */
function syncWith(find: () => Promise<Array<{ productId: string; queuedAt: Date }>>) {
  const calls: string[] = [];
  const db = {
    repository: () => ({
      find: async () => {
        calls.push('read queue');
        return find();
      },
    }),
    // No entries loaded: nothing to send to Elasticsearch, the batch counts as written.
    read: async () => new Map(),
    transaction: async () => void calls.push('delete written'),
  };
  const sync = new SearchIndexSyncService(
    db as unknown as Database,
    {} as Client,
    {
      CATALOG_SEARCH_ALIAS: 'catalog-products',
      CATALOG_SEARCH_CATCH_UP_MS: EVERY_MS,
    } as CatalogConfig,
    new InProcessSearchIndex(
      db as unknown as Database,
      { CATALOG_SEARCH_LOCAL_REFRESH_MS: 0 } as CatalogConfig,
      null,
    ),
  );
  return { sync, calls };
}

describe('SearchIndexSyncService catch-up job', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(() => {
    warn.mockRestore();
    jest.useRealTimers();
  });

  it('logs a database error of a timer drain, naming the job, and the next tick drains again', async () => {
    jest.useFakeTimers();
    let reads = 0;
    const { sync, calls } = syncWith(async () => {
      if (++reads === 1) throw new Error('ER_LOCK_WAIT_TIMEOUT');
      return [];
    });
    sync.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(EVERY_MS);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/SearchIndexSync failed.*ER_LOCK_WAIT_TIMEOUT/));
    await jest.advanceTimersByTimeAsync(EVERY_MS);
    expect(calls).toEqual(['read queue', 'read queue']);
    expect(warn).toHaveBeenCalledTimes(1);
    await sync.onApplicationShutdown();
  });

  it('at shutdown, waits for the drain in progress to finish its batch, and starts no further batch', async () => {
    let release!: () => void;
    const firstRead = new Promise<void>((resolve) => (release = resolve));
    const row = { productId: 'p-1', queuedAt: new Date() };
    // A backlog that never runs out: without the stop the drain would keep reading batches.
    const { sync, calls } = syncWith(async () => {
      if (calls.length === 1) await firstRead;
      return [row];
    });
    const draining = sync.drainPending();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['read queue']);

    let stopped = false;
    const stopping = sync.onApplicationShutdown().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);

    release();
    await stopping;
    expect(calls).toEqual(['read queue', 'delete written']);
    await expect(draining).resolves.toBe(1);
  });
});
