import { domainErrorProblem } from '@harvest/platform/http';
import {
  ReindexRunningError,
  SearchEngineDisabledError,
  SearchIndexBuildingError,
  SearchUnavailableError,
} from './search-errors';

describe('search errors as problems', () => {
  it('answers a reindex without Elasticsearch 503 (no Retry-After: it will not come back by waiting)', () => {
    expect(domainErrorProblem(new SearchEngineDisabledError())).toEqual({
      problem: {
        type: 'urn:harvest:problem:search-engine-disabled',
        title: 'Service Unavailable',
        status: 503,
        detail: 'SEARCH_DRIVER=sql: there is no index to rebuild.',
      },
      headers: undefined,
    });
  });

  it('answers a second reindex 409 reindex-running', () => {
    expect(domainErrorProblem(new ReindexRunningError()).problem).toMatchObject({
      type: 'urn:harvest:problem:reindex-running',
      status: 409,
      detail: 'A reindex is already running.',
    });
  });

  it('answers search 503 with Retry-After while the in-process index is built, or when no engine answers', () => {
    const building = domainErrorProblem(new SearchIndexBuildingError(500, 5000));
    expect(building.problem).toMatchObject({
      type: 'urn:harvest:problem:search-index-building',
      status: 503,
      indexed: 500,
      total: 5000,
    });
    expect(building.headers).toEqual({ 'retry-after': '5' });
    const away = domainErrorProblem(new SearchUnavailableError());
    expect(away.problem).toMatchObject({ type: 'urn:harvest:problem:search-unavailable', status: 503 });
    expect(away.headers).toEqual({ 'retry-after': '5' });
  });
});
