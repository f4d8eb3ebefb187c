import type { EventAck } from './event-transport';
import type { OutgoingEvent } from './outgoing-event';

/** Some events of a batch were not acknowledged: they count as not sent, and whoever sent them sends them again. */
export class UnacknowledgedEventsError extends Error {
  constructor(
    readonly unacknowledged: number,
    readonly total: number,
  ) {
    super(
      `the transport acknowledged ${total - unacknowledged} of ${total} events; the other ${unacknowledged} count as not sent`,
    );
    this.name = 'UnacknowledgedEventsError';
  }
}

/**
 * Which events of a batch may be taken as stored, given the transport's acks: an event counts only if it has an
 * ack on its own topic and no earlier event of the same topic and key in the batch lacks one. The second rule
 * keeps order per key when an answer is partial: a later event of a key is never taken as sent while an earlier
 * one is sent again after it. Acks for events not in the batch, or naming another topic, prove nothing.
 * @returns per event, in batch order, whether it counts as stored
 */
export function acknowledgedPrefix(
  events: ReadonlyArray<OutgoingEvent>,
  acks: ReadonlyArray<EventAck>,
): boolean[] {
  const ackedTopicOf = new Map<string, string>();
  for (const ack of acks) ackedTopicOf.set(ack.eventId, ack.topic);
  const blockedKeys = new Set<string>();
  return events.map((event) => {
    const key = `${event.topic}\u0000${event.key}`;
    if (!blockedKeys.has(key) && ackedTopicOf.get(event.eventId) === event.topic) return true;
    blockedKeys.add(key);
    return false;
  });
}

/** For callers that need the whole batch stored (dead letters, tests): throws unless every event was acknowledged. */
export function requireAllAcknowledged(
  events: ReadonlyArray<OutgoingEvent>,
  acks: ReadonlyArray<EventAck>,
): void {
  const missing = acknowledgedPrefix(events, acks).filter((stored) => !stored).length;
  if (missing > 0) throw new UnacknowledgedEventsError(missing, events.length);
}
