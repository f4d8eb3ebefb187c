import type { estypes } from '@elastic/elasticsearch';

/** Mapping and settings for one version of an index; the alias is what readers query. */
export interface IndexDefinition {
  mappings: estypes.MappingTypeMapping;
  settings?: estypes.IndicesIndexSettings;
}

export interface SearchDocument<T> {
  id: string;
  document: T;
}

export interface BulkProgress {
  /** Documents sent so far, indexed + failed. */
  processed: number;
  indexed: number;
  failed: number;
  elapsedMs: number;
  /** Average since the start of this bulk run. */
  docsPerSecond: number;
}

/** One document Elasticsearch refused (mapping conflict, too large, rejected under load). */
export interface BulkDocumentError {
  id: string;
  status: number;
  type?: string;
  reason?: string;
}

export interface BulkIndexOptions {
  /** Documents per _bulk request. */
  batchSize?: number;
  /** Called after every batch. */
  onProgress?: (progress: BulkProgress) => void;
  /** Called for every refused document, as it happens. */
  onDocumentError?: (error: BulkDocumentError) => void;
}

export interface BulkIndexResult extends BulkProgress {
  /** The first refused documents (capped at 100); `failed` has the full count. */
  errors: BulkDocumentError[];
}

export interface ReindexOptions extends BulkIndexOptions {
  /** More refused documents than this aborts the reindex before the alias moves. Default 0. */
  maxFailedDocuments?: number;
}

export interface ReindexResult {
  alias: string;
  index: string;
  bulk: BulkIndexResult;
  /** Indices the alias pointed to before, now deleted. */
  removed: string[];
}

/**
 * Index administration for zero-downtime reindexing: build a new versioned index beside the live one,
 * fill it, then move the alias in one atomic step. Readers only ever query the alias.
 */
export interface SearchIndexAdmin {
  /** Creates `<alias>_v<timestamp>` from the definition and returns its name. */
  createVersionedIndex(alias: string, definition: IndexDefinition): Promise<string>;
  bulkIndex<T>(
    index: string,
    documents: AsyncIterable<SearchDocument<T>> | Iterable<SearchDocument<T>>,
    options?: BulkIndexOptions,
  ): Promise<BulkIndexResult>;
  refresh(index: string): Promise<void>;
  /** Points the alias at `index` and deletes every index it pointed to before, in one atomic request. */
  swapAlias(alias: string, index: string): Promise<{ removed: string[] }>;
  /** The indices the alias points to now (empty when the alias does not exist). */
  aliasTargets(alias: string): Promise<string[]>;
  /** create, bulk-index, refresh, swap; the new index is deleted if any step fails. */
  reindex<T>(
    alias: string,
    definition: IndexDefinition,
    documents: AsyncIterable<SearchDocument<T>> | Iterable<SearchDocument<T>>,
    options?: ReindexOptions,
  ): Promise<ReindexResult>;
  search<T>(request: estypes.SearchRequest): Promise<estypes.SearchResponse<T>>;
}

/** Nest injection token for SearchIndexAdmin; resolves to null under the "sql" driver. */
export const SEARCH_INDEX_ADMIN = Symbol('SEARCH_INDEX_ADMIN');
/** Nest injection token for the raw Elasticsearch Client; resolves to null under the "sql" driver. */
export const ELASTICSEARCH_CLIENT = Symbol('ELASTICSEARCH_CLIENT');

/** Thrown by reindex when too many documents were refused to publish the new index. */
export class ReindexAbortedError extends Error {
  constructor(
    readonly index: string,
    readonly bulk: BulkIndexResult,
  ) {
    super(
      `Reindex into ${index} aborted: ${bulk.failed} of ${bulk.processed} documents were refused; the alias was not moved`,
    );
    this.name = 'ReindexAbortedError';
  }
}
