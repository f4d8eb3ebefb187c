import type { Env } from '@harvest/platform/config';
import { Database } from '@harvest/platform/database';
import type { HttpApp, Role } from '@harvest/platform/http';
import { createService } from '@harvest/platform/runtime';
import { serviceTestEnvironment, withResponseCheck, type TestIssuer } from '@harvest/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { callcenterService } from '../src/callcenter.service-definition';
import { SseReader } from './sse-reader';
import { WEBHOOK_PATH } from '../src/webhooks/webhooks.controller';

/** Callcenter's client secret at the test issuer (its client-credentials token for calling orders). */
export const CLIENT_SECRET = 'dev-only-callcenter-secret';
export const WEBHOOK_SECRET = 'skyline-webhook-secret-current-0123';
export const OLD_WEBHOOK_SECRET = 'skyline-webhook-secret-previous-456';

export interface CallcenterTestApp {
  app: NestFastifyApplication;
  built: HttpApp;
  db: Database;
  baseUrl: string;
  webhookUrl: string;
  runId: string;
  /** The issuer callcenter trusts and gets its own token from (client `callcenter` registered on it). */
  issuer: TestIssuer;
  token(role: Role, subject: string): Promise<string>;
  count(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** The whole callcenter service on its own schemas (real MariaDB, embedded events), listening on an ephemeral port. */
export async function startCallcenterTestApp(
  extraEnv: Env = {},
  options: { issuer?: TestIssuer } = {},
): Promise<CallcenterTestApp> {
  const { runId, prefix, env, issuer, dropDatabases } = await serviceTestEnvironment(
    'callcenter',
    {
      AUTH_CLIENT_SECRET: CLIENT_SECRET,
      LOG_LEVEL: 'info', // the privacy test reads the service's own log lines
      CALLCENTER_WEBHOOK_SECRETS: `${WEBHOOK_SECRET},${OLD_WEBHOOK_SECRET}`,
      CALLCENTER_RECONCILE_INTERVAL_MS: '0',
      CALLCENTER_RETENTION_SWEEP_MS: '0', // tests run the sweep themselves, with their own clock
      // No orders unless a test starts one (never whatever happens to listen on the default port).
      ORDERS_BASE_URL: '',
      ...extraEnv,
    },
    options,
  );
  issuer.registerClient('callcenter', { secret: CLIENT_SECRET, audience: ['orders'] });
  const definition = withResponseCheck({ ...callcenterService, name: `callcenter_t_${runId}` });
  const built = await createService(definition, { DB_NAME: `${prefix}callcenter`, ...env });
  const { app } = built;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const db = app.get(Database);
  return {
    app,
    built,
    db,
    baseUrl,
    webhookUrl: `${baseUrl}${WEBHOOK_PATH}`,
    runId,
    issuer,
    token: (role, subject) => issuer.tokenFor(role, subject),
    count: async (sql, params = []) => Number((await db.transaction((em) => em.query(sql, params)))[0].n),
    close: async () => {
      await app.close();
      await dropDatabases();
    },
  };
}

/** Skyline's webhook body for one event on one call. */
export function skylineEvent(
  event: 'call.ringing' | 'call.answered' | 'call.ended' | 'recording.ready',
  callId: string,
  over: { id?: string; caller?: string; agentId?: string; duration?: number; occurredAt?: Date } = {},
) {
  return {
    id: over.id ?? `evt-${randomUUID()}`,
    event,
    occurred_at: (over.occurredAt ?? new Date()).toISOString(),
    data: {
      call_id: callId,
      direction: 'in',
      caller: over.caller ?? '+8613800138001',
      callee: '4008001234',
      agent_id: over.agentId ?? 'agent-1',
      duration: over.duration ?? null,
    },
  };
}

export async function addContact(
  t: CallcenterTestApp,
  customerId: string,
  name: string,
  phone: string,
): Promise<void> {
  const response = await t.app.inject({
    method: 'PUT',
    url: `/customer-contacts/${customerId}`,
    headers: { authorization: `Bearer ${await t.token('admin', 'ops-1')}` },
    payload: { name, phone },
  });
  if (response.statusCode !== 200) throw new Error(`adding contact failed: ${response.body}`);
}

/**
 * Every line the service's pino logger writes from now on (its own lines and Nest's), read off the
 * logger's destination stream, so a test can look for phone numbers in the real log output.
 */
export function captureLogLines(t: CallcenterTestApp): string[] {
  const lines: string[] = [];
  const stream = (t.built.logger as unknown as Record<symbol, { write(chunk: string): boolean }>)[
    pino.symbols.streamSym
  ]!;
  const write = stream.write.bind(stream);
  stream.write = (chunk: string) => {
    lines.push(...chunk.split('\n').filter(Boolean));
    return write(chunk);
  };
  return lines;
}

export async function waitUntil(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** POST /screen-pops/stream-tickets with the given bearer token; the answer as it came. */
export async function requestStreamTicket(t: CallcenterTestApp, token: string) {
  return t.app.inject({
    method: 'POST',
    url: '/screen-pops/stream-tickets',
    headers: { authorization: `Bearer ${token}` },
  });
}

/**
 * Opens an agent's screen-pop stream the way the console does: a ticket with their token, then EventSource's
 * GET with `?ticket=` (and whatever headers a reconnect sends, such as Last-Event-ID).
 */
export async function openScreenPops(
  t: CallcenterTestApp,
  agentId: string,
  headers: Record<string, string> = {},
  token?: string,
): Promise<SseReader> {
  const answer = await requestStreamTicket(t, token ?? (await t.token('agent', agentId)));
  if (answer.statusCode !== 201) throw new Error(`no stream ticket: ${answer.statusCode} ${answer.body}`);
  return new SseReader().open(`${t.baseUrl}${answer.json().streamUrl}`, headers);
}
