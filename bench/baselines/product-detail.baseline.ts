/**
 * Raw baseline of the product detail row: a bare Fastify route answering GET /products/:id with the cached
 * JSON text read by ioredis from the same key catalog's cache uses (no Nest, no cache port, no decode).
 * Env: PORT, REDIS_URL, CACHE_KEY_PREFIX.
 */
import Fastify from 'fastify';
import Redis from 'ioredis';
import { productDetailKey } from '../../apps/catalog/src/products/product-detail-key';

async function main(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL!);
  const prefix = process.env.CACHE_KEY_PREFIX!;
  const app = Fastify();
  app.get('/ready', async () => ({ ready: true }));
  app.get<{ Params: { id: string } }>('/products/:id', async (request, reply) => {
    const text = await redis.get(prefix + productDetailKey(request.params.id));
    if (text === null) return reply.code(404).send({ title: 'not cached' });
    return reply.type('application/json').send(text);
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
}

main().catch((error: Error) => {
  console.error(`product-detail baseline: ${error.message}`);
  process.exit(1);
});
