import { ConfigError, env, z } from '@harvest/platform/config';

export interface ElasticsearchTuning {
  /** Per-request timeout for ordinary calls (search, admin). Bulk calls get `bulkTimeoutMs`. */
  requestTimeoutMs?: number;
  bulkTimeoutMs?: number;
  /** Retries of a request on connection errors, timeouts and 502/503/504, by the client. */
  maxRetries?: number;
}

export type SearchConfig =
  { driver: 'sql' } | ({ driver: 'elasticsearch'; node: string } & ElasticsearchTuning);

/** Environment variables read by `searchConfigFromEnv`; merge into a service's own config shape. */
export const searchEnvShape = {
  SEARCH_DRIVER: z.enum(['sql', 'elasticsearch']).default('sql'),
  ELASTICSEARCH_URL: z.string().url().optional(),
  ELASTICSEARCH_REQUEST_TIMEOUT_MS: env.int(5_000, 1),
  ELASTICSEARCH_MAX_RETRIES: env.int(2, 0),
};

export type SearchEnv = z.infer<z.ZodObject<typeof searchEnvShape>>;

export function searchConfigFromEnv(parsed: SearchEnv): SearchConfig {
  if (parsed.SEARCH_DRIVER === 'sql') return { driver: 'sql' };
  if (!parsed.ELASTICSEARCH_URL) {
    throw new ConfigError([
      { variable: 'ELASTICSEARCH_URL', message: 'required when SEARCH_DRIVER=elasticsearch' },
    ]);
  }
  return {
    driver: 'elasticsearch',
    node: parsed.ELASTICSEARCH_URL,
    requestTimeoutMs: parsed.ELASTICSEARCH_REQUEST_TIMEOUT_MS,
    maxRetries: parsed.ELASTICSEARCH_MAX_RETRIES,
  };
}
