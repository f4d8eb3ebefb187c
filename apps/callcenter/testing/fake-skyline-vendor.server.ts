import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SkylineCallRecord } from '../src/calls/vendor/skyline/skyline-payloads';
import {
  SKYLINE_SIGNATURE_HEADER,
  SKYLINE_TIMESTAMP_HEADER,
} from '../src/calls/vendor/skyline/skyline.adapter';
import { signSkylinePayload } from '../src/calls/vendor/skyline/skyline-signature';

export type VendorMode =
  { kind: 'healthy' } | { kind: 'slow'; delayMs: number } | { kind: 'failing'; status: number };

export interface FakeVendorRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

/**
 * A protocol-faithful Skyline Voice API on 127.0.0.1 (ephemeral port): click-to-call (deduplicated by
 * request_id, as Skyline documents), the paged call-record list, recording links that are new on every
 * request, and a sender of signed webhooks. It can be made slow or failing to exercise timeouts and the breaker.
 */
export class FakeSkylineVendor {
  readonly requests: FakeVendorRequest[] = [];
  readonly records = new Map<string, SkylineCallRecord>();
  mode: VendorMode = { kind: 'healthy' };
  /** The next n API requests answer 503 (then the mode applies again): a transient vendor failure. */
  failNext = 0;
  /** Records per page of the call-record list, to exercise paging. */
  pageSize = 2;
  private readonly callsByRequestId = new Map<string, string>();
  private server: Server | null = null;
  baseUrl = '';

  constructor(readonly apiKey = 'fake-skyline-api-key') {}

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  apiRequests(path: string): FakeVendorRequest[] {
    return this.requests.filter((r) => r.path.startsWith(path));
  }

  /** POSTs a webhook the way Skyline does: `v1=` HMAC-SHA256 over `<timestamp>.<raw body>`. */
  async sendWebhook(
    targetUrl: string,
    body: object | Buffer,
    options: { secret: string; timestamp?: number; signature?: string },
  ): Promise<{ status: number; body: unknown }> {
    const raw = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const response = await fetch(targetUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SKYLINE_TIMESTAMP_HEADER]: timestamp,
        [SKYLINE_SIGNATURE_HEADER]: options.signature ?? signSkylinePayload(options.secret, timestamp, raw),
      },
      body: raw,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      body: text ? JSON.parse(text) : null,
      authorization: req.headers.authorization,
    });
    const send = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (this.mode.kind === 'slow')
      await new Promise((resolve) => setTimeout(resolve, (this.mode as { delayMs: number }).delayMs));
    if (this.failNext > 0) {
      this.failNext -= 1;
      return send(503, { error: 'temporarily unavailable' });
    }
    if (this.mode.kind === 'failing') return send(this.mode.status, { error: 'internal' });
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) return send(401, { error: 'unauthorized' });

    if (req.method === 'POST' && url.pathname === '/v1/calls') {
      const body = JSON.parse(text) as { request_id?: string; agent_id?: string; callee?: string };
      if (!body.request_id || !body.agent_id || !body.callee)
        return send(400, { error: 'request_id, agent_id and callee are required' });
      const existing = this.callsByRequestId.get(body.request_id);
      if (existing) return send(200, { call_id: existing });
      const callId = `sky-${randomBytes(6).toString('hex')}`;
      this.callsByRequestId.set(body.request_id, callId);
      this.records.set(callId, {
        call_id: callId,
        direction: 'out',
        caller: '4008001234',
        callee: body.callee,
        agent_id: body.agent_id,
        start_time: Math.floor(Date.now() / 1000),
        answer_time: null,
        end_time: null,
        duration: null,
        recording: false,
      });
      return send(201, { call_id: callId });
    }
    if (req.method === 'GET' && url.pathname === '/v1/call-records') {
      const start = Number(url.searchParams.get('start'));
      const end = Number(url.searchParams.get('end'));
      const offset = Number(url.searchParams.get('cursor') ?? 0);
      const matching = [...this.records.values()]
        .filter((r) => r.start_time >= start && r.start_time <= end)
        .sort((a, b) => a.start_time - b.start_time);
      const page = matching.slice(offset, offset + this.pageSize);
      const next = offset + this.pageSize < matching.length ? String(offset + this.pageSize) : null;
      return send(200, { records: page, next_cursor: next });
    }
    const recording = /^\/v1\/calls\/([^/]+)\/recording$/.exec(url.pathname);
    if (req.method === 'GET' && recording) {
      const record = this.records.get(decodeURIComponent(recording[1]!));
      if (!record?.recording) return send(404, { error: 'no recording' });
      // A new signed link each time, valid for 10 minutes: nobody should keep one.
      return send(200, {
        url: `https://recordings.skyline.example/${record.call_id}.mp3?sig=${randomBytes(8).toString('hex')}`,
        expires_at: Math.floor(Date.now() / 1000) + 600,
      });
    }
    send(404, { error: 'not found' });
  }
}
