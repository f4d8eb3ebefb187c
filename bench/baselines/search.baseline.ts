/**
 * Raw baseline of the search row: a bare Fastify route GET /search?i=<n> sending the n-th recorded request of
 * catalog's adapter (bench/workloads/search-queries.ts) straight to Elasticsearch with the official client and
 * answering Elasticsearch's own JSON (no mapping, no fallback, no validation).
 * Env: PORT, ELASTICSEARCH_URL, SEARCH_REQUESTS (JSON array of search requests).
 */
import { Client } from '@elastic/elasticsearch';
import Fastify from 'fastify';

async function main(): Promise<void> {
  const requests = JSON.parse(process.env.SEARCH_REQUESTS!) as Array<Parameters<Client['search']>[0]>;
  const es = new Client({ node: process.env.ELASTICSEARCH_URL!, requestTimeout: 5000, maxRetries: 2 });
  const app = Fastify();
  app.get('/ready', async () => ({ ready: true }));
  app.get<{ Querystring: { i: string } }>('/search', async (request) =>
    es.search(requests[Number(request.query.i)]!),
  );
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
}

main().catch((error: Error) => {
  console.error(`search baseline: ${error.message}`);
  process.exit(1);
});
