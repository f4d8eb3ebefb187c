import { env, loadConfig, z, type Env } from '@harvest/platform/config';

/** Catalog's own settings, validated at start next to the platform's. */
export const catalogConfigShape = {
  /** Alias the storefront searches; reindexing builds `<alias>_v<epoch ms>` and swaps the alias. */
  CATALOG_SEARCH_ALIAS: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,200}$/, 'must be a lower-case Elasticsearch index name')
    .default('catalog-products'),
  /** How long a product detail stays cached when no change event removes it first. */
  CATALOG_PRODUCT_CACHE_TTL_SECONDS: env.int(300, 1),
  /** How often the search catch-up job looks for documents Elasticsearch missed. */
  CATALOG_SEARCH_CATCH_UP_MS: env.int(5_000, 100),
  CATALOG_REINDEX_BATCH_SIZE: env.int(500, 1),
  /**
   * How often each instance's in-process search index reads the products changed since its last look (one
   * indexed range query): product events reach one instance of the group, this brings every other one up to date.
   */
  CATALOG_SEARCH_LOCAL_REFRESH_MS: env.int(2_000, 100),
  /**
   * With Elasticsearch configured, whether each instance also holds the in-process index to answer while
   * Elasticsearch is away (`in-process`), or answers 503 then (`none`). The index takes about 5 KiB of heap per
   * product (~500 MiB at 100k products): raise the heap (the chart's --max-old-space-size=256 is too small past
   * ~30k products) before turning it on. Without Elasticsearch the index is always built: it is the engine.
   */
  CATALOG_SEARCH_FALLBACK: env.oneOf(['in-process', 'none'], 'none'),
  /**
   * `standard`: the service creates indices with its portable mappings (any Elasticsearch, the test cluster).
   * `template`: the cluster's index template (infra/elasticsearch, IK + pinyin) supplies mappings and analyzers.
   */
  CATALOG_SEARCH_ANALYSIS: env.oneOf(['standard', 'template'], 'standard'),
};

export type CatalogConfig = z.infer<z.ZodObject<typeof catalogConfigShape>>;
export const CATALOG_CONFIG = Symbol('CATALOG_CONFIG');

export function loadCatalogConfig(environment: Env): CatalogConfig {
  return loadConfig(catalogConfigShape, environment);
}
