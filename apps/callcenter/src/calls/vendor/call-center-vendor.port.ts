import type { CallEvent, VendorCallRecord } from '../domain/call-event';

export {
  CALL_EVENT_TYPES,
  type CallEvent,
  type CallEventType,
  type VendorCallRecord,
} from '../domain/call-event';

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
