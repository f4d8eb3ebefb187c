import { DomainError } from '@harvest/platform/errors';

/** SEARCH_DRIVER=sql: there is no Elasticsearch index to rebuild (503). */
export class SearchEngineDisabledError extends DomainError {
  constructor() {
    super('unavailable', 'search-engine-disabled', 'SEARCH_DRIVER=sql: there is no index to rebuild.');
  }
}

/** One reindex per process at a time (409). */
export class ReindexRunningError extends DomainError {
  constructor() {
    super('conflict', 'reindex-running', 'A reindex is already running.');
  }
}
