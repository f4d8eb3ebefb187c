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

/** The in-process index is still being built from the catalog after start (503, try again shortly). */
export class SearchIndexBuildingError extends DomainError {
  constructor(built: number, total: number) {
    super(
      'unavailable',
      'search-index-building',
      `Search is being prepared (${built} of ${total} products indexed); try again in a few seconds.`,
      { retryAfterSeconds: 5, extensions: { indexed: built, total } },
    );
  }
}

/** Elasticsearch failed and this instance keeps no in-process index to answer instead (503). */
export class SearchUnavailableError extends DomainError {
  constructor() {
    super('unavailable', 'search-unavailable', 'Search is not answering; try again shortly.', {
      retryAfterSeconds: 5,
    });
  }
}
