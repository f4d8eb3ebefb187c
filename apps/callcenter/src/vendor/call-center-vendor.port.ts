/** What every call-center vendor's webhook means, once verified and translated by its adapter. */
export const CALL_EVENT_TYPES = ['ringing', 'answered', 'ended', 'recording_ready'] as const;
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

export interface CallEvent {
  /** The vendor's event id: the duplicate filter's key. */
  eventId: string;
  type: CallEventType;
  occurredAt: Date;
  callId: string;
  direction: 'inbound' | 'outbound';
  /** The customer's side of the call, E.164 (or as the vendor sent it when it is not a phone number). */
  customerNumber: string | null;
  agentId: string | null;
  durationSeconds: number | null;
}

/** One row of the vendor's call-record list, used by reconciliation to fill in events that never arrived. */
export interface VendorCallRecord {
  callId: string;
  direction: 'inbound' | 'outbound';
  customerNumber: string | null;
  agentId: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  hasRecording: boolean;
}

export interface RecordingLink {
  url: string;
  expiresAt: Date;
}

export interface ClickToCallRequest {
  /** Sent to the vendor, which answers a repeated request id with the first call: that makes the call retryable. */
  requestId: string;
  agentId: string;
  customerNumber: string;
}

export type WebhookVerdict =
  | { ok: true; event: CallEvent }
  | { ok: false; reason: 'signature' | 'timestamp' }
  /** `field`: the path of the first field that is not as the vendor documents it (`data.duration`), when known. */
  | { ok: false; reason: 'malformed'; field?: string };

/**
 * A call-center vendor behind one interface: webhook verification and translation, and the vendor's API.
 * Vendors differ in signature schemes and payloads; the rest of the service sees only these types.
 */
export interface CallCenterVendor {
  readonly name: string;
  /** Verifies the signature over the exact bytes received, then parses. Never throws for bad input. */
  verifyWebhook(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
    now: Date,
  ): WebhookVerdict;
  clickToCall(request: ClickToCallRequest): Promise<{ callId: string }>;
  listCallRecords(from: Date, to: Date): Promise<VendorCallRecord[]>;
  recordingLink(callId: string): Promise<RecordingLink | null>;
}

/** Injection token: the configured vendor, or null when none is (the embedded default). */
export const CALL_CENTER_VENDOR = Symbol('CALL_CENTER_VENDOR');
