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
