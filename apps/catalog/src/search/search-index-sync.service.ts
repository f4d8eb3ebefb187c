import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@elastic/elasticsearch';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { PeriodicJobProvider } from '@harvest/platform/scheduling';
import { ELASTICSEARCH_CLIENT } from '@harvest/platform/search';
import { CATALOG_CONFIG, type CatalogConfig } from '../config/catalog.config';
import { SearchSyncPending } from './entities/search-sync-pending.entity';
import { InProcessSearchIndex } from './in-process-search-index.service';
import { loadSearchEntries, type SearchEntry } from './product-document';

const CATCH_UP_BATCH = 200;

/**
 * Keeps the Elasticsearch alias (and this instance's in-process index) in step with MySQL. Event consumers call `sync` inside their inbox
 * transaction; when Elasticsearch refuses, the product is queued in search_sync_pending (same transaction)
 * and a timer job drains the queue once Elasticsearch answers again. Documents are always built from the
 * current rows, so a late or repeated write can only bring a document up to date.
 */
@Injectable()
export class SearchIndexSyncService extends PeriodicJobProvider<number> {
  private outage = false;
  /** Whether the alias has been seen to exist; it is made by the first build and never removed after. */
  private aliasExists = false;

  constructor(
    private readonly db: Database,
    @Inject(ELASTICSEARCH_CLIENT) private readonly client: Client | null,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
    private readonly local: InProcessSearchIndex,
  ) {
    super({
      name: 'SearchIndexSync',
      // Without Elasticsearch nothing is ever queued: no timer.
      everyMs: client ? config.CATALOG_SEARCH_CATCH_UP_MS : 0,
    });
  }

  /** The timer's run (the job's shutdown waits for it: it stops after its current batch). */
  protected run(signal: AbortSignal): Promise<number> {
    return this.drain(signal);
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  get alias(): string {
    return this.config.CATALOG_SEARCH_ALIAS;
  }

  /**
   * Brings the products' documents up to date in this instance's in-process index, and writes them to
   * Elasticsearch now or queues them when it is away. Never throws for ES.
   */
  async sync(em: EntityManager, productIds: readonly string[]): Promise<void> {
    if (productIds.length === 0) return;
    const entries = await loadSearchEntries(em, productIds);
    this.local.apply(entries);
    if (!this.client) return;
    try {
      await this.write(entries);
      this.recovered();
    } catch (error) {
      this.failed(error);
      const now = new Date();
      await em.upsert(
        SearchSyncPending,
        productIds.map((productId) => ({
          productId,
          queuedAt: now,
          lastError: String((error as Error).message).slice(0, 500),
        })),
        ['productId'],
      );
    }
  }

  /** Drains the pending queue (one drain at a time); resolves the number of products written. */
  drainPending(): Promise<number> {
    return this.job.runNow();
  }

  async pendingCount(): Promise<number> {
    return this.db.repository(SearchSyncPending).count();
  }

  /**
   * Index or delete through the alias, with the product's search version as external version: a write
   * from an older snapshot than the document's is refused by Elasticsearch (409) and that is success.
   */
  async write(entries: Map<string, SearchEntry>, index = this.alias): Promise<void> {
    if (!this.client || entries.size === 0) return;
    // A product this catalog never held has no document; deleting it anyway would leave an internally
    // versioned tombstone that outranks (409) the document once the product exists.
    const operations = [...entries].flatMap(([id, { document, version }]): object[] => {
      if (version === null) return [];
      const meta = { _index: index, _id: id, version, version_type: 'external_gte' };
      return document ? [{ index: meta }, document] : [{ delete: meta }];
    });
    if (operations.length === 0) return;
    // A delete with an external version auto-creates a missing index even under require_alias (Elasticsearch
    // creates the index for such deletes and require_alias covers index/create/update only): before the first
    // build, a product's delete made a concrete index under the alias's name, and the build's alias swap then
    // failed (invalid_alias_name_exception; the engines spec after the Elasticsearch restart spec, 2026-12-08).
    // So nothing goes through the alias until it exists; the products wait in search_sync_pending.
    if (index === this.alias && !this.aliasExists) {
      this.aliasExists = await this.client.indices.existsAlias({ name: this.alias });
      if (!this.aliasExists) throw new Error(`alias ${this.alias} does not exist yet (no build has made it)`);
    }
    // Through the alias, require it: before the first build creates it, Elasticsearch would otherwise
    // auto-create a concrete index under the alias's name and every later alias swap would fail
    // (invalid_alias_name_exception). Refused instead, the products wait in search_sync_pending.
    const response = await this.client.bulk({ operations, require_alias: index === this.alias });
    const refused = response.items
      .map((item) => item.index ?? item.delete)
      .filter(
        (result) =>
          result?.error && result.status !== 409 && !(result.status === 404 && result.error === undefined),
      );
    if (refused.length > 0) {
      throw new Error(
        `Elasticsearch refused ${refused.length} documents: ${JSON.stringify(refused[0]?.error)}`,
      );
    }
  }

  /**
   * Oldest queued products first, a batch at a time, until the queue is empty or Elasticsearch refuses (then
   * the next run tries again). Once `signal` is aborted (shutdown) no further batch starts. Database errors
   * reject the run: the job logs them.
   */
  private async drain(signal: AbortSignal): Promise<number> {
    let written = 0;
    while (!signal.aborted) {
      const batch = await this.db
        .repository(SearchSyncPending)
        .find({ order: { queuedAt: 'ASC' }, take: CATCH_UP_BATCH });
      if (batch.length === 0) return written;
      const ids = batch.map((row) => row.productId);
      try {
        await this.write(await this.db.read((em) => loadSearchEntries(em, ids)));
        this.recovered();
      } catch (error) {
        this.failed(error);
        return written;
      }
      // Only rows not queued again meanwhile: a newer queueing means a newer state to write next round.
      await this.db.transaction((em) =>
        em
          .createQueryBuilder()
          .delete()
          .from(SearchSyncPending)
          .where({ productId: In(ids) })
          .andWhere('queued_at <= :at', { at: batch[batch.length - 1]!.queuedAt })
          .execute(),
      );
      written += batch.length;
    }
    return written;
  }

  private failed(error: unknown): void {
    if (!this.outage)
      this.logger.warn(`Elasticsearch write failed, queueing for catch-up: ${(error as Error).message}`);
    this.outage = true;
  }

  private recovered(): void {
    if (this.outage) this.logger.log('Elasticsearch writes succeed again; draining the catch-up queue');
    this.outage = false;
  }
}
