import { startCatalogTestApp, type CatalogTestApp } from '../testing/catalog-test-app';
import { defineSearchScenarios, loadSearchFixture } from '../testing/search-fixture';

/** The embedded default: search on MySQL (SEARCH_DRIVER=sql), events through the embedded log. */
describe('search on SQL (embedded default)', () => {
  let t: CatalogTestApp;

  beforeAll(async () => {
    t = await startCatalogTestApp({ SEARCH_DRIVER: 'sql' });
    await loadSearchFixture(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  defineSearchScenarios(() => t, 'sql');
});
