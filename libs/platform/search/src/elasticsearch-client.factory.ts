import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchTuning } from './search.config';

export const DEFAULT_ELASTICSEARCH_TUNING: Required<ElasticsearchTuning> = {
  requestTimeoutMs: 5_000,
  bulkTimeoutMs: 60_000,
  maxRetries: 2,
};

/**
 * The Elasticsearch 8 client with bounded timeouts and retries. Sniffing stays off: nodes are reached
 * through the configured URL (a load balancer in production), and sniffed addresses are often unroutable.
 */
export function createElasticsearchClient(node: string, tuning: ElasticsearchTuning = {}): Client {
  const t = { ...DEFAULT_ELASTICSEARCH_TUNING, ...tuning };
  return new Client({
    node,
    name: 'harvest',
    requestTimeout: t.requestTimeoutMs,
    pingTimeout: Math.min(t.requestTimeoutMs, 3_000),
    maxRetries: t.maxRetries,
    sniffOnStart: false,
    sniffOnConnectionFault: false,
  });
}
