import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { MoreThanOrEqual } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { SEARCH_INDEX_ADMIN, type SearchDocument, type SearchIndexAdmin } from '@harvest/platform/search';
import { CATALOG_CONFIG, type CatalogConfig } from '../config/catalog.config';
import { Product } from '../products/entities/product.entity';
import { activeSearchEntryPage, loadSearchEntries, type ProductDocument } from './product-document';
import { ReindexRunningError, SearchEngineDisabledError } from './domain/search-errors';
import { highestMemory, memoryNowMiB, type MemoryMiB } from './reindex-memory';
import { PRODUCT_INDEX } from './product-index.definition';
import { SearchIndexSyncService } from './search-index-sync.service';

export interface ReindexStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  startedAt: string | null;
  finishedAt: string | null;
  total: number;
  indexed: number;
  failed: number;
  index: string | null;
  error: string | null;
  /**
   * Highest process memory seen after each bulk batch of this reindex (null before the first batch): what an
   * operator watches next to the counts, and what the bench reports as the reindex's heap figures.
   */
  peakMemoryMiB: MemoryMiB | null;
}

/**
 * Rebuilds the products index from MySQL into a new versioned index, then swaps the alias: readers keep
 * using the old index until the swap. Changes made while it runs are replayed into the new index after the
 * swap (by search_changed_at), so nothing written meanwhile is lost. One reindex per process at a time.
 */
@Injectable()
export class SearchReindexService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SearchReindex');
  private current: ReindexStatus = reindexStatus('idle', null);
  private running: Promise<ReindexStatus> | null = null;

  constructor(
    private readonly db: Database,
    @Inject(SEARCH_INDEX_ADMIN) private readonly admin: SearchIndexAdmin | null,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
    private readonly sync: SearchIndexSyncService,
  ) {}

  /** A fresh cluster (or a lost alias) gets a full build at start; an unreachable one is left to the catch-up. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.admin) return;
    try {
      if ((await this.admin.aliasTargets(this.config.CATALOG_SEARCH_ALIAS)).length === 0)
        void this.start().catch(() => undefined);
    } catch (error) {
      this.logger.warn(
        `Elasticsearch not reachable at start (${(error as Error).message}); search answers from the in-process index until it is`,
      );
    }
  }

  status(): ReindexStatus {
    return { ...this.current };
  }

  /** Starts a reindex in the background and returns its first status; 409 while one runs, 503 without Elasticsearch. */
  start(): Promise<ReindexStatus> {
    const admin = this.admin;
    if (!admin) throw new SearchEngineDisabledError();
    if (this.running) throw new ReindexRunningError();
    const startedAt = new Date();
    this.current = reindexStatus('running', startedAt.toISOString());
    this.running = this.run(admin, startedAt).finally(() => (this.running = null));
    return Promise.resolve(this.status());
  }

  /** Resolves when the running reindex (if any) ends. */
  async finished(): Promise<ReindexStatus> {
    return this.running ? await this.running : this.status();
  }

  private async run(admin: SearchIndexAdmin, startedAt: Date): Promise<ReindexStatus> {
    try {
      this.current.total = await this.db.read((em) => em.countBy(Product, { status: 'active' }));
      const definition =
        this.config.CATALOG_SEARCH_ANALYSIS === 'template' ? { mappings: {} } : PRODUCT_INDEX;
      const result = await admin.reindex(this.config.CATALOG_SEARCH_ALIAS, definition, this.documents(), {
        batchSize: this.config.CATALOG_REINDEX_BATCH_SIZE,
        onProgress: (progress) => {
          this.current.indexed = progress.indexed;
          this.current.failed = progress.failed;
          this.current.peakMemoryMiB = highestMemory(this.current.peakMemoryMiB, memoryNowMiB());
          this.logger.log(
            `reindex: ${progress.indexed}/${this.current.total} indexed, ${progress.failed} failed`,
          );
        },
      });
      this.current.index = result.index;
      await this.replayChangesSince(startedAt);
      this.current = { ...this.current, state: 'done', finishedAt: new Date().toISOString() };
      this.logger.log(
        `reindex done: ${result.index} now behind ${this.config.CATALOG_SEARCH_ALIAS}, removed ${result.removed.join(', ') || 'nothing'}`,
      );
    } catch (error) {
      this.current = {
        ...this.current,
        state: 'failed',
        finishedAt: new Date().toISOString(),
        error: (error as Error).message,
      };
      this.logger.error(`reindex failed: ${(error as Error).message}`);
    }
    return this.status();
  }

  /**
   * Active products in id order, in keyset batches read from MySQL as the bulk requests go out. The next
   * batch is read while this one's bulk request is out (the catalog mostly waits on Elasticsearch): at most
   * two batches are held, with only the columns a document needs, so the reindex's live memory does not
   * depend on the catalog's size.
   */
  private async *documents(): AsyncGenerator<SearchDocument<ProductDocument>> {
    let next = this.readBatch('');
    for (;;) {
      const batch = await next;
      if (batch.last === undefined) return;
      next = this.readBatch(batch.last);
      // A bulk failure ends this generator before it awaits the read ahead; its rejection is not news then.
      next.catch(() => undefined);
      for (const [id, document] of batch.documents) yield { id, document };
    }
  }

  private readBatch(after: string): Promise<{ last?: string; documents: Map<string, ProductDocument> }> {
    return this.db.read(async (em) => {
      const page = await activeSearchEntryPage(em, after, this.config.CATALOG_REINDEX_BATCH_SIZE);
      const documents = new Map<string, ProductDocument>();
      for (const [id, { document }] of page.entries) if (document) documents.set(id, document);
      return { last: page.last, documents };
    });
  }

  /** Events handled during the build went to the old index; write their products again into the new one. */
  private async replayChangesSince(startedAt: Date): Promise<void> {
    const changed = await this.db.read((em) =>
      em.find(Product, { where: { searchChangedAt: MoreThanOrEqual(startedAt) }, select: { id: true } }),
    );
    const ids = changed.map((p) => p.id);
    for (let i = 0; i < ids.length; i += 500) {
      await this.sync.write(await this.db.read((em) => loadSearchEntries(em, ids.slice(i, i + 500))));
    }
  }
}

function reindexStatus(state: ReindexStatus['state'], startedAt: string | null): ReindexStatus {
  return {
    state,
    startedAt,
    finishedAt: null,
    total: 0,
    indexed: 0,
    failed: 0,
    index: null,
    error: null,
    peakMemoryMiB: null,
  };
}
