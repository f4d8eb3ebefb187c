import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';

const RAW_BODY = Symbol('harvest.http.rawBody');

/**
 * Keeps the exact request bytes of the given paths: a webhook signature is over the bytes sent, not over
 * re-serialised JSON. Register it from createHttpApp's configureServer (a service definition's configureServer), before routes exist.
 */
export function keepRawBody(server: FastifyInstance, paths: string[], limitBytes: number): void {
  server.addHook('preParsing', async (request, _reply, payload) => {
    if (!paths.includes(request.url.split('?')[0]!)) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > limitBytes) throw Object.assign(new Error('Request body is too large'), { statusCode: 413 });
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    (request as unknown as Record<symbol, Buffer>)[RAW_BODY] = raw;
    const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
    replay.receivedEncodedLength = raw.length;
    return replay;
  });
}

export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return (request as unknown as Record<symbol, Buffer | undefined>)[RAW_BODY];
}
