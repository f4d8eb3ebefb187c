import type { EventEnvelope } from '@harvest/contracts';
import { envelopeJson, type OutgoingEvent } from '../outgoing-event';

/** What a consumer decodes from an event published on Kafka (the message value is envelopeJson). */
export function decodedEnvelope(event: OutgoingEvent): EventEnvelope {
  return JSON.parse(envelopeJson(event)) as EventEnvelope;
}

export const seqOf = (event: OutgoingEvent): number => (decodedEnvelope(event).payload as { seq: number }).seq;
