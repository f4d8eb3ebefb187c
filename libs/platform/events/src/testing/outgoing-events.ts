import type { EventEnvelope } from '@harvest/contracts';
import type { EventAck } from '../event-transport';
import { envelopeJson, type OutgoingEvent } from '../outgoing-event';

/** What a consumer decodes from an event published on Kafka (the message value is envelopeJson). */
export function decodedEnvelope(event: OutgoingEvent): EventEnvelope {
  return JSON.parse(envelopeJson(event)) as EventEnvelope;
}

export const seqOf = (event: OutgoingEvent): number =>
  (decodedEnvelope(event).payload as { seq: number }).seq;

/** A publisher's answer acknowledging every event (partition 0, offsets in batch order), for stand-in publishers. */
export const ackAll = (events: ReadonlyArray<OutgoingEvent>): EventAck[] =>
  events.map((event, i) => ({ eventId: event.eventId, topic: event.topic, partition: 0, offset: String(i) }));
