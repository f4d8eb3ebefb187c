import { toE164 } from '../../../directory/domain/phone';
import type {
  CallCenterVendor,
  CallEvent,
  CallEventType,
  ClickToCallRequest,
  RecordingLink,
  VendorCallRecord,
  WebhookVerdict,
} from '../call-center-vendor.port';
import { VendorRejectedError, VendorUnavailableError } from '../vendor-errors';
import type { VendorHttpClient } from '../vendor-http-client';
import {
  skylineCallRecordPageSchema,
  skylineClickToCallAnswerSchema,
  skylineRecordingSchema,
  skylineWebhookSchema,
  type SkylineCallRecord,
  type SkylineWebhook,
} from './skyline-payloads';
import { isFreshTimestamp, matchesAnySecret } from './skyline-signature';

export const SKYLINE_TIMESTAMP_HEADER = 'x-skyline-timestamp';
export const SKYLINE_SIGNATURE_HEADER = 'x-skyline-signature';

const EVENT_TYPES: Record<SkylineWebhook['event'], CallEventType> = {
  'call.ringing': 'ringing',
  'call.answered': 'answered',
  'call.ended': 'ended',
  'recording.ready': 'recording_ready',
};

/** A vendor may send local formats; keep the E.164 form when there is one. */
const number = (raw: string | null | undefined) => (raw ? (toE164(raw) ?? raw) : null);
const customerSide = (d: { direction: 'in' | 'out'; caller: string | null; callee: string | null }) =>
  number(d.direction === 'in' ? d.caller : d.callee);
const fromUnix = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000));

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface SkylineOptions {
  secrets: readonly string[];
  maxSkewSeconds: number;
}

/** The Skyline Voice cloud call center (format in apps/callcenter/README.md, "Vendor adapter: Skyline"). */
export class SkylineAdapter implements CallCenterVendor {
  readonly name = 'skyline';

  constructor(
    private readonly options: SkylineOptions,
    /** Null when no vendor API is configured: webhooks can still be verified, API calls answer 503. */
    private readonly http: VendorHttpClient | null,
  ) {}

  verifyWebhook(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
    now: Date,
  ): WebhookVerdict {
    const timestamp = header(headers, SKYLINE_TIMESTAMP_HEADER);
    const signature = header(headers, SKYLINE_SIGNATURE_HEADER);
    if (!timestamp || !signature || this.options.secrets.length === 0)
      return { ok: false, reason: 'signature' };
    // Signature first: an unsigned request learns nothing, not even whether its timestamp was acceptable.
    if (!matchesAnySecret(this.options.secrets, timestamp, rawBody, signature))
      return { ok: false, reason: 'signature' };
    if (!isFreshTimestamp(timestamp, now, this.options.maxSkewSeconds))
      return { ok: false, reason: 'timestamp' };
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const parsed = skylineWebhookSchema.safeParse(json);
    if (!parsed.success)
      return { ok: false, reason: 'malformed', field: parsed.error.issues[0]?.path.join('.') };
    return { ok: true, event: toCallEvent(parsed.data) };
  }

  async clickToCall(request: ClickToCallRequest): Promise<{ callId: string }> {
    const { body } = await this.api().request<unknown>({
      method: 'POST',
      path: '/v1/calls',
      body: { request_id: request.requestId, agent_id: request.agentId, callee: request.customerNumber },
      // Skyline answers a repeated request_id with the call it already placed, so a retry cannot ring twice.
      idempotent: true,
    });
    return { callId: parseAnswer(skylineClickToCallAnswerSchema, body).call_id };
  }

  async listCallRecords(from: Date, to: Date): Promise<VendorCallRecord[]> {
    const records: VendorCallRecord[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({
        start: String(Math.floor(from.getTime() / 1000)),
        end: String(Math.ceil(to.getTime() / 1000)),
      });
      if (cursor) query.set('cursor', cursor);
      const { body } = await this.api().request<unknown>({
        method: 'GET',
        path: `/v1/call-records?${query}`,
        idempotent: true,
      });
      const page = parseAnswer(skylineCallRecordPageSchema, body);
      records.push(...page.records.map(toCallRecord));
      cursor = page.next_cursor;
    } while (cursor);
    return records;
  }

  async recordingLink(callId: string): Promise<RecordingLink | null> {
    try {
      const { body } = await this.api().request<unknown>({
        method: 'GET',
        path: `/v1/calls/${encodeURIComponent(callId)}/recording`,
        idempotent: true,
      });
      const link = parseAnswer(skylineRecordingSchema, body);
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    } catch (error) {
      if (error instanceof VendorRejectedError && error.status === 404) return null;
      throw error;
    }
  }

  private api(): VendorHttpClient {
    if (!this.http)
      throw new VendorUnavailableError(
        'not_configured',
        'no call-center vendor is configured (set CALLCENTER_VENDOR_BASE_URL)',
      );
    return this.http;
  }
}

function parseAnswer<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  body: unknown,
): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new VendorUnavailableError('failed', 'the call-center vendor sent an answer we do not understand');
  return parsed.data;
}

function toCallEvent(webhook: SkylineWebhook): CallEvent {
  return {
    eventId: webhook.id,
    type: EVENT_TYPES[webhook.event],
    occurredAt: new Date(webhook.occurred_at),
    callId: webhook.data.call_id,
    direction: webhook.data.direction === 'in' ? 'inbound' : 'outbound',
    customerNumber: customerSide(webhook.data),
    agentId: webhook.data.agent_id ?? null,
    durationSeconds: webhook.data.duration ?? null,
  };
}

function toCallRecord(record: SkylineCallRecord): VendorCallRecord {
  return {
    callId: record.call_id,
    direction: record.direction === 'in' ? 'inbound' : 'outbound',
    customerNumber: customerSide(record),
    agentId: record.agent_id,
    startedAt: new Date(record.start_time * 1000),
    answeredAt: fromUnix(record.answer_time),
    endedAt: fromUnix(record.end_time),
    durationSeconds: record.duration,
    hasRecording: record.recording,
  };
}
