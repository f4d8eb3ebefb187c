import { randomBytes } from 'node:crypto';
import {
  openScreenPops,
  requestStreamTicket,
  SseReader,
  startCallcenterTestApp,
  type CallcenterTestApp,
} from '@harvest/callcenter/testing';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AGENT = 'agent-st-1';

/**
 * The screen-pop stream opened the way a browser's EventSource can: a single-use ticket in the URL instead of
 * the bearer token. Two instances share the tickets through real Redis, as two pods behind the balancer do.
 */
describe('screen-pop stream tickets', () => {
  let a: CallcenterTestApp;
  let b: CallcenterTestApp;
  const readers: SseReader[] = [];
  const open = async (app: CallcenterTestApp, ticket: string) => {
    const reader = await new SseReader().open(`${app.baseUrl}/screen-pops/stream?ticket=${ticket}`, {});
    readers.push(reader);
    return reader;
  };
  const ticketFrom = async (app: CallcenterTestApp, token?: string) => {
    const answer = await requestStreamTicket(app, token ?? (await app.token('agent', AGENT)));
    expect(answer.statusCode).toBe(201);
    return answer.json() as { ticket: string; expiresAt: string; streamUrl: string };
  };

  beforeAll(async () => {
    // One key space in Redis for both instances, as one service's pods have.
    const shared = {
      CACHE_DRIVER: 'redis',
      REDIS_URL,
      CACHE_KEY_PREFIX: `st-${randomBytes(4).toString('hex')}:`,
    };
    a = await startCallcenterTestApp(shared);
    b = await startCallcenterTestApp({ ...shared, CALLCENTER_STREAM_TICKET_SECONDS: '1' });
  });
  afterEach(async () => {
    for (const reader of readers.splice(0)) await reader.close();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('opens the stream once with a ticket, on any instance, and refuses it a second time with 401', async () => {
    const issued = await ticketFrom(a);
    const lifetime = Date.parse(issued.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(25_000);
    expect(lifetime).toBeLessThanOrEqual(30_000);
    expect(issued.streamUrl).toBe(`/screen-pops/stream?ticket=${issued.ticket}`);

    const stream = await open(b, issued.ticket); // issued by a, redeemed by b
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');

    for (const app of [a, b]) {
      // Over real HTTP, as EventSource asks (Nest's SSE answer needs a real socket).
      const reused = await fetch(`${app.baseUrl}/screen-pops/stream?ticket=${issued.ticket}`, {
        headers: { accept: 'text/event-stream' },
      });
      expect(reused.status).toBe(401);
      expect(reused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await reused.json()) as { type: string }).type).toBe(
        'urn:harvest:problem:stream-ticket-refused',
      );
    }
  });

  it('refuses an expired ticket, a made-up one and none, with 401', async () => {
    const issued = await ticketFrom(b); // b's tickets live 1 s
    await new Promise((resolve) => setTimeout(resolve, Date.parse(issued.expiresAt) - Date.now() + 200));
    expect((await open(b, issued.ticket)).status).toBe(401);
    expect((await open(a, randomBytes(32).toString('base64url'))).status).toBe(401);
    expect((await new SseReader().open(`${a.baseUrl}/screen-pops/stream`, {})).status).toBe(401);
  });

  it('lets a ticket live no longer than the token that asked for it', async () => {
    const token = await a.issuer.issue({ subject: AGENT, roles: ['agent'] }, { expiresIn: '5s' });
    const issued = await ticketFrom(a, token);
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(5_000);
  });

  it('ends the stream, saying why, when the token that opened it expires', async () => {
    const token = await a.issuer.issue({ subject: AGENT, roles: ['agent'] }, { expiresIn: '3s' });
    const stream = await openScreenPops(a, AGENT, {}, token);
    readers.push(stream);
    expect(stream.status).toBe(200);
    const last = await stream.next((m) => m.event === 'stream-end');
    expect(last.data).toMatchObject({ reason: 'token-expired' });
    // Its id is the last pop id (none yet: 0), never a counter of Nest's: EventSource keeps it for a reconnect.
    expect(last.id).toBe('0');
    await stream.ended();
    // Sent when the token expired, not before (its exp has second precision).
    expect(Date.now()).toBeGreaterThanOrEqual(
      Date.parse((last.data as { tokenExpiredAt: string }).tokenExpiredAt),
    );
    expect(stream.messages.at(-1)?.event).toBe('stream-end');
  });
});
