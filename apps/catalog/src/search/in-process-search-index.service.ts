import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@elastic/elasticsearch';
import { MoreThanOrEqual } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { PeriodicJobProvider } from '@harvest/platform/scheduling';
import { ELASTICSEARCH_CLIENT } from '@harvest/platform/search';
import { CATALOG_CONFIG, type CatalogConfig } from '../config/catalog.config';
import { Product } from '../products/entities/product.entity';
import { SearchIndexBuildingError, SearchUnavailableError } from './domain/search-errors';
import { InProcessProductSearch } from './in-process-product-search.adapter';
import { activeSearchEntryPage, loadSearchEntries, type SearchEntry } from './product-document';
import { memoryNowMiB } from './reindex-memory';

/** A change committed this long after its search_changed_at was stamped is still seen by the next look. */
const COMMIT_DELAY_ALLOWANCE_MS = 10_000;
const REFRESH_PAGE = 500;

export interface InProcessIndexStatus {
  /** `off`: Elasticsearch serves and CATALOG_SEARCH_FALLBACK=none. */
  state: 'off' | 'building' | 'ready' | 'failed';
  products: number;
  total: number;
  buildMs: number | null;
  /** V8 heap grown while building (what the index holds, give or take uncollected garbage). */
  heapGrowthMiB: number | null;
  heapUsedMiB: number;
  rssMiB: number;
  error: string | null;
}

/**
 * This instance's in-process search index (the embedded engine and the Elasticsearch fallback): built at start
 * from the catalog in keyset pages (one page held at a time, progress logged), then kept current by the
 * product events this instance handles (SearchIndexSyncService.sync applies them) and by a look every
 * CATALOG_SEARCH_LOCAL_REFRESH_MS at the products changed since, for the events another instance handled.
 * Both write by search version, so the order they arrive in does not matter. Queries never touch MySQL.
 */
@Injectable()
export class InProcessSearchIndex extends PeriodicJobProvider<number> {
  readonly engine = new InProcessProductSearch();
  private current: InProcessIndexStatus = {
    state: 'building',
    products: 0,
    total: 0,
    buildMs: null,
    heapGrowthMiB: null,
    heapUsedMiB: 0,
    rssMiB: 0,
    error: null,
  };
  private built: Promise<void> = Promise.resolve();
  /** The next look reads products changed at or after this. */
  private changedSince = new Date();

  private readonly wanted: boolean;

  constructor(
    private readonly db: Database,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
    @Inject(ELASTICSEARCH_CLIENT) client: Client | null,
  ) {
    const wanted = !client || config.CATALOG_SEARCH_FALLBACK === 'in-process';
    super({ name: 'InProcessSearchIndex', everyMs: wanted ? config.CATALOG_SEARCH_LOCAL_REFRESH_MS : 0 });
    this.wanted = wanted;
    if (!wanted) this.current.state = 'off';
  }

  override onApplicationBootstrap(): void {
    if (this.wanted) this.built = this.build();
    super.onApplicationBootstrap();
  }

  /** Resolves when the build at start has ended (built or failed). */
  whenBuilt(): Promise<void> {
    return this.built;
  }

  status(): InProcessIndexStatus {
    const memory = memoryNowMiB();
    return {
      ...this.current,
      products: this.engine.size,
      heapUsedMiB: memory.heapUsed,
      rssMiB: memory.rss,
    };
  }

  /** The engine, once built; a 503 naming the progress before. */
  ready(): InProcessProductSearch {
    if (this.current.state === 'off') throw new SearchUnavailableError();
    if (this.current.state !== 'ready')
      throw new SearchIndexBuildingError(this.engine.size, this.current.total);
    return this.engine;
  }

  /** Entries read in an event's transaction: applied now, ordered by version against everything else. */
  apply(entries: ReadonlyMap<string, SearchEntry>): void {
    if (this.wanted) this.engine.apply(entries);
  }

  /** The timer's look at products changed since the last one; a failed build (MySQL away at start) is retried. */
  protected async run(signal: AbortSignal): Promise<number> {
    if (this.current.state === 'failed') {
      this.current.state = 'building';
      this.built = this.build();
      await this.built;
      return this.engine.size;
    }
    if (this.current.state !== 'ready') return 0;
    const lookStartedAt = Date.now();
    const changed = await this.db.read((em) =>
      em.find(Product, {
        where: { searchChangedAt: MoreThanOrEqual(this.changedSince) },
        select: { id: true },
        order: { searchChangedAt: 'ASC' },
      }),
    );
    const ids = changed.map((p) => p.id);
    for (let i = 0; i < ids.length && !signal.aborted; i += REFRESH_PAGE) {
      this.engine.apply(await this.db.read((em) => loadSearchEntries(em, ids.slice(i, i + REFRESH_PAGE))));
    }
    if (!signal.aborted) this.changedSince = new Date(lookStartedAt - COMMIT_DELAY_ALLOWANCE_MS);
    return ids.length;
  }

  private async build(): Promise<void> {
    const started = Date.now();
    this.changedSince = new Date(started - COMMIT_DELAY_ALLOWANCE_MS);
    const heapBefore = memoryNowMiB().heapUsed;
    const size = this.config.CATALOG_REINDEX_BATCH_SIZE;
    try {
      this.current.total = await this.db.read((em) => em.countBy(Product, { status: 'active' }));
      this.logger.log(`building the in-process search index: ${this.current.total} active products`);
      let after = '';
      let read = 0;
      let nextLog = 0;
      for (;;) {
        const page = await this.db.read((em) => activeSearchEntryPage(em, after, size));
        if (page.last === undefined) break;
        this.engine.apply(page.entries);
        read += page.entries.size;
        after = page.last;
        if (read >= nextLog) {
          this.logger.log(
            `in-process search index: ${read}/${this.current.total} products read, heap ${memoryNowMiB().heapUsed.toFixed(0)} MiB`,
          );
          nextLog = read + Math.max(size, Math.ceil(this.current.total / 10));
        }
      }
      const heapGrowthMiB = memoryNowMiB().heapUsed - heapBefore;
      this.current = {
        ...this.current,
        state: 'ready',
        buildMs: Date.now() - started,
        heapGrowthMiB,
      };
      this.logger.log(
        `in-process search index ready: ${this.engine.size} products in ${this.current.buildMs} ms, heap +${heapGrowthMiB.toFixed(0)} MiB`,
      );
    } catch (error) {
      this.current = { ...this.current, state: 'failed', error: (error as Error).message };
      this.logger.error(`in-process search index build failed: ${(error as Error).message}`);
    }
  }
}
