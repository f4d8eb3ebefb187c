import type { IndexDefinition } from '@harvest/platform/search';

/**
 * The products index as this service creates it. Only what every Elasticsearch has (the `standard` and
 * `simple` analyzers, the completion suggester), so it runs on the stripped test cluster too; Chinese is
 * tokenised per character by `standard`, pinyin is matched through the syllable runs the document carries.
 * Production installs the richer template in infra/elasticsearch/ (IK + pinyin), which matches this alias
 * pattern and takes precedence for the analyzers. One shard: facet counts of terms aggregations are exact.
 */
export const PRODUCT_INDEX: IndexDefinition = {
  settings: { number_of_shards: 1, number_of_replicas: 0 },
  mappings: {
    dynamic: 'strict',
    properties: {
      name: { type: 'text', analyzer: 'standard', fields: { raw: { type: 'keyword', ignore_above: 256 } } },
      pinyin: { type: 'text', analyzer: 'standard' },
      initials: { type: 'text', analyzer: 'standard' },
      categoryId: { type: 'keyword' },
      categoryPath: { type: 'keyword' },
      farmId: { type: 'keyword' },
      organic: { type: 'boolean' },
      temperatureClasses: { type: 'keyword' },
      minPriceFen: { type: 'long' },
      inStockAt: { type: 'keyword' },
      createdAt: { type: 'date' },
      imageId: { type: 'keyword', index: false },
      suggest: { type: 'completion', analyzer: 'simple', preserve_separators: false },
    },
  },
};
