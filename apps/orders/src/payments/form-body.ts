import type { FastifyInstance } from 'fastify';

/**
 * Accepts application/x-www-form-urlencoded bodies on the paths given only (a provider's notification, whose
 * raw bytes keepRawBody keeps for the signature check); anywhere else such a body stays a 415, as before.
 * The parsed value is the fields as strings; the route reads the raw bytes anyway.
 */
export function acceptFormBodyOn(server: FastifyInstance, paths: string[]): void {
  server.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      if (!paths.includes(request.url.split('?')[0]!))
        return done(
          Object.assign(new Error(`Unsupported Media Type: application/x-www-form-urlencoded`), {
            statusCode: 415,
          }),
          undefined,
        );
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}
