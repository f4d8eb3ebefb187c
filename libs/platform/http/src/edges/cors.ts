import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** Request headers our routes read; a browser may send them cross-origin after a preflight. */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-Match',
  'X-Call-Id',
  'X-Request-Id',
  // A reconnecting EventSource (the agent console's screen-pop stream) resends the last id it saw.
  'Last-Event-ID',
];

/** Response headers a web app may read: caching, where a created thing is, when to retry, support's id. */
export const CORS_EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'X-Request-Id'];

/**
 * CORS for the configured web-app origins only: any other origin gets no CORS header at all, so the browser
 * keeps the answer from its script. No credentials (we use bearer tokens, not cookies); a preflight is cached
 * for 10 minutes.
 */
export async function registerCors(server: FastifyInstance, origins: readonly string[]): Promise<void> {
  const allowed = new Set(origins);
  await server.register(fastifyCors, {
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  });
}
