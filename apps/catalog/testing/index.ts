// Catalog's test kit, imported as @harvest/catalog/testing: the whole service on throwaway schemas, its
// Kafka topics, and the search fixture both search engines are checked against.
export { ensureCatalogTopics } from './catalog-kafka-topics';
export { keyed, productBody, startCatalogTestApp, waitFor, type CatalogTestApp } from './catalog-test-app';
export {
  defineSearchScenarios,
  FIXTURE_PRODUCTS,
  loadSearchFixture,
  searchOf,
  type SearchBody,
} from './search-fixture';
