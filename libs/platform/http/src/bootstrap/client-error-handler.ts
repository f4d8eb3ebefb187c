import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, statusTitle } from '../problem/problem-details';

/**
 * Answers what Node's HTTP parser refuses before there is a request (headers too large, a malformed request
 * line, a request that took too long to arrive) as problem+json like every other error, instead of
 * Fastify's application/json, then closes the connection: what follows on it cannot be trusted.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = statusOf(error.code);
  const body = JSON.stringify({
    type: 'about:blank',
    title: statusTitle(status),
    status,
    detail: detailOf(status),
  });
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${status} ${statusTitle(status)}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

function detailOf(status: number): string {
  if (status === 431) return 'The request headers are too many or too large (16 KiB in all at most).';
  if (status === 408) return 'The request did not arrive in time.';
  return 'The request could not be parsed as HTTP/1.1.';
}
