import type { Client, estypes } from '@elastic/elasticsearch';
import { BulkTracker, refusedDocuments, versionedIndexName } from './bulk-tracker';
import { DEFAULT_ELASTICSEARCH_TUNING } from './elasticsearch-client.factory';
import {
  type BulkIndexOptions,
  type BulkIndexResult,
  type IndexDefinition,
  ReindexAbortedError,
  type ReindexOptions,
  type ReindexResult,
  type SearchDocument,
  type SearchIndexAdmin,
} from './search-index-admin.port';

const DEFAULT_BATCH_SIZE = 500;

export interface ElasticsearchIndexAdminOptions {
  /**
   * Timeout for one _bulk request and for index administration (create, settings, refresh, alias swap, delete):
   * larger than ordinary calls because a batch, or a cluster-state change that waits for shards to start, can
   * take seconds on a loaded cluster. Queries keep the client's short timeout.
   */
  bulkTimeoutMs?: number;
}

export class ElasticsearchIndexAdmin implements SearchIndexAdmin {
  constructor(
    private readonly client: Client,
    private readonly options: ElasticsearchIndexAdminOptions = {},
  ) {}

  private get adminCall() {
    return { requestTimeout: this.options.bulkTimeoutMs ?? DEFAULT_ELASTICSEARCH_TUNING.bulkTimeoutMs };
  }

  async createVersionedIndex(alias: string, definition: IndexDefinition): Promise<string> {
    const index = versionedIndexName(alias);
    await this.client.indices.create(
      { index, mappings: definition.mappings, settings: definition.settings },
      this.adminCall,
    );
    return index;
  }

  async bulkIndex<T>(
    index: string,
    documents: AsyncIterable<SearchDocument<T>> | Iterable<SearchDocument<T>>,
    options: BulkIndexOptions = {},
  ): Promise<BulkIndexResult> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const tracker = new BulkTracker();
    let batch: SearchDocument<T>[] = [];
    for await (const doc of documents) {
      batch.push(doc);
      if (batch.length >= batchSize) {
        await this.sendBatch(index, batch, tracker, options);
        batch = [];
      }
    }
    if (batch.length > 0) await this.sendBatch(index, batch, tracker, options);
    return tracker.result();
  }

  async refresh(index: string): Promise<void> {
    await this.client.indices.refresh({ index }, this.adminCall);
  }

  async aliasTargets(alias: string): Promise<string[]> {
    if (!(await this.client.indices.existsAlias({ name: alias }))) return [];
    return Object.keys(await this.client.indices.getAlias({ name: alias }));
  }

  async swapAlias(alias: string, index: string): Promise<{ removed: string[] }> {
    const previous = (await this.aliasTargets(alias)).filter((name) => name !== index);
    // One _aliases request is atomic: readers see the old index or the new one, never neither,
    // and `remove_index` deletes the old versions in that same step.
    await this.client.indices.updateAliases(
      {
        actions: [{ add: { index, alias } }, ...previous.map((name) => ({ remove_index: { index: name } }))],
      },
      this.adminCall,
    );
    return { removed: previous };
  }

  async reindex<T>(
    alias: string,
    definition: IndexDefinition,
    documents: AsyncIterable<SearchDocument<T>> | Iterable<SearchDocument<T>>,
    options: ReindexOptions = {},
  ): Promise<ReindexResult> {
    // Refreshing while filling an index nobody reads yet is wasted work; turn it back on before the swap.
    const index = await this.createVersionedIndex(alias, {
      ...definition,
      settings: { ...definition.settings, refresh_interval: '-1' },
    });
    try {
      const bulk = await this.bulkIndex(index, documents, options);
      if (bulk.failed > (options.maxFailedDocuments ?? 0)) throw new ReindexAbortedError(index, bulk);
      await this.client.indices.putSettings(
        { index, settings: { refresh_interval: definition.settings?.refresh_interval ?? '1s' } },
        this.adminCall,
      );
      await this.refresh(index);
      const { removed } = await this.swapAlias(alias, index);
      return { alias, index, bulk, removed };
    } catch (error) {
      await this.client.indices
        .delete({ index }, { ...this.adminCall, ignore: [404] })
        .catch(() => undefined);
      throw error;
    }
  }

  search<T>(request: estypes.SearchRequest): Promise<estypes.SearchResponse<T>> {
    return this.client.search<T>(request);
  }

  private async sendBatch<T>(
    index: string,
    batch: SearchDocument<T>[],
    tracker: BulkTracker,
    options: BulkIndexOptions,
  ): Promise<void> {
    const operations = batch.flatMap(({ id, document }) => [
      { index: { _index: index, _id: id } },
      document as object,
    ]);
    const response = await this.client.bulk({ operations }, this.adminCall);
    const refused = refusedDocuments(response);
    tracker.record(batch.length, refused);
    if (options.onDocumentError) refused.forEach(options.onDocumentError);
    options.onProgress?.(tracker.progress());
  }
}
