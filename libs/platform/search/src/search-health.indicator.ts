import type { Client } from '@elastic/elasticsearch';
import type { DependencyCheck, DependencyHealthIndicator } from '@harvest/platform/health';

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Readiness entry "search". Not critical: catalog search falls back to SQL, so Elasticsearch being away
 * degrades the service rather than making it unready. Yellow is up (a single node has no replicas); red is down.
 */
export class SearchHealthIndicator implements DependencyHealthIndicator {
  readonly name = 'search';
  readonly critical = false;

  /** `client` is null under the "sql" driver, where there is nothing to reach. */
  constructor(private readonly client: Client | null) {}

  async check(): Promise<DependencyCheck> {
    if (!this.client) return { up: true, detail: { driver: 'sql' } };
    try {
      const health = await this.client.cluster.health(
        {},
        { requestTimeout: CHECK_TIMEOUT_MS, maxRetries: 0 },
      );
      return {
        up: health.status !== 'red',
        detail: {
          driver: 'elasticsearch',
          status: health.status,
          cluster: health.cluster_name,
          nodes: health.number_of_nodes,
        },
      };
    } catch (error) {
      return {
        up: false,
        detail: {
          driver: 'elasticsearch',
          reachable: false,
          error: error instanceof Error ? error.message : String(error),
        },
      };
    }
  }
}
