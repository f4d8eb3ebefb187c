import type { CallEvent, VendorCallRecord } from './call-event';

export const CALL_STATUSES = ['ringing', 'answered', 'ended'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** The facts about a call that events and the vendor's record list can tell us. */
export interface CallFacts extends VendorCallRecord {
  status: CallStatus;
}

const rank = (status: CallStatus) => CALL_STATUSES.indexOf(status);
const earliest = (a: Date | null, b: Date | null) => (a && b ? (a <= b ? a : b) : (a ?? b));

/** What one event says about its call. */
export function factsOfEvent(event: CallEvent): CallFacts {
  return {
    callId: event.callId,
    direction: event.direction,
    status: event.type === 'recording_ready' ? 'ended' : event.type,
    customerNumber: event.customerNumber,
    agentId: event.agentId,
    startedAt: event.occurredAt,
    answeredAt: event.type === 'answered' ? event.occurredAt : null,
    endedAt: event.type === 'ended' ? event.occurredAt : null,
    durationSeconds: event.durationSeconds,
    hasRecording: event.type === 'recording_ready',
  };
}

export function factsOfRecord(record: VendorCallRecord): CallFacts {
  const status: CallStatus = record.endedAt ? 'ended' : record.answeredAt ? 'answered' : 'ringing';
  return { ...record, status };
}

/**
 * Merges what we knew with what we just learned. Webhooks arrive out of order and reconciliation repeats
 * them, so the merge is order-independent: status only moves forward, the earliest start wins, known
 * values are never erased by unknown ones, and a recording once ready stays ready.
 */
export function mergeCallFacts(known: CallFacts | null, learned: CallFacts): CallFacts {
  if (!known) return learned;
  return {
    callId: known.callId,
    direction: known.direction,
    status: rank(learned.status) > rank(known.status) ? learned.status : known.status,
    customerNumber: known.customerNumber ?? learned.customerNumber,
    agentId: learned.agentId ?? known.agentId,
    startedAt: earliest(known.startedAt, learned.startedAt)!,
    answeredAt: earliest(known.answeredAt, learned.answeredAt),
    endedAt: known.endedAt ?? learned.endedAt,
    durationSeconds: learned.durationSeconds ?? known.durationSeconds,
    hasRecording: known.hasRecording || learned.hasRecording,
  };
}
