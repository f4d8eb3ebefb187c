export {
  ELASTICSEARCH_CLIENT,
  ReindexAbortedError,
  SEARCH_INDEX_ADMIN,
  type BulkDocumentError,
  type BulkIndexOptions,
  type BulkIndexResult,
  type BulkProgress,
  type IndexDefinition,
  type ReindexOptions,
  type ReindexResult,
  type SearchDocument,
  type SearchIndexAdmin,
} from './search-index-admin.port';
export {
  searchConfigFromEnv,
  searchEnvShape,
  type ElasticsearchTuning,
  type SearchConfig,
  type SearchEnv,
} from './search.config';
export { createElasticsearchClient } from './elasticsearch-client.factory';
export {
  ElasticsearchIndexAdmin,
  type ElasticsearchIndexAdminOptions,
} from './elasticsearch-index-admin.adapter';
export { versionedIndexName } from './bulk-tracker';
export { SearchHealthIndicator } from './search-health.indicator';
export { SearchModule } from './search.module';
