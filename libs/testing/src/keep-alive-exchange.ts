import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What became of a request sent on a connection: an answer, a clean close, or nothing in time. */
export type Outcome = RawResponse | 'closed' | 'no answer';

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * Sends the requests one after another on ONE keep-alive TCP connection, as the payment provider's and the
 * call-center vendor's clients do, each after the previous answer. A request the server neither answers nor
 * closes the connection on within `waitMs` is 'no answer' (the hang a pooled client would stall on).
 */
export async function exchangeOnOneConnection(
  port: number,
  requests: RawRequest[],
  waitMs = 3000,
): Promise<Outcome[]> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const reader = new ResponseReader(socket);
  const outcomes: Outcome[] = [];
  try {
    for (const request of requests) {
      if (reader.closed) {
        outcomes.push('closed');
        continue;
      }
      socket.write(serialise(request));
      outcomes.push(await reader.next(waitMs));
    }
  } finally {
    socket.destroy();
  }
  return outcomes;
}

function serialise(request: RawRequest): Buffer {
  const body = Buffer.from(request.body ?? '');
  const headers = {
    host: '127.0.0.1',
    connection: 'keep-alive',
    'content-length': String(body.length),
    ...request.headers,
  };
  const head = `${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
  return Buffer.concat([Buffer.from(head), body]);
}

/** Reads responses with a Content-Length off the socket, one at a time. */
class ResponseReader {
  private buffered = Buffer.alloc(0);
  closed = false;
  private wake: () => void = () => undefined;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.wake();
    });
    const onClose = () => {
      this.closed = true;
      this.wake();
    };
    socket.on('end', onClose).on('close', onClose).on('error', onClose);
  }

  async next(waitMs: number): Promise<Outcome> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const response = this.take();
      if (response) return response;
      if (this.closed) return 'closed';
      const left = deadline - Date.now();
      if (left <= 0) return 'no answer';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private take(): RawResponse | undefined {
    const headEnd = this.buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return undefined;
    const [statusLine, ...lines] = this.buffered.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.buffered.length < headEnd + 4 + length) return undefined;
    const body = this.buffered.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
    this.buffered = this.buffered.subarray(headEnd + 4 + length);
    return { status: Number(statusLine!.split(' ')[1]), headers, body };
  }
}
