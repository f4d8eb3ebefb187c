import type { EventEnvelope, EventHeaders } from '@harvest/contracts';

/**
 * An event on its way to a transport: the envelope's fields, with payload and headers as JSON text. The relay
 * builds it straight from an outbox row, whose payload and headers are already JSON, so a payload is never
 * parsed only to be serialised again; envelopeJson() composes the envelope's JSON around that text.
 */
export interface OutgoingEvent {
  readonly eventId: string;
  readonly type: string;
  readonly version: number;
  readonly topic: string;
  readonly key: string;
  /** ISO-8601 with milliseconds, as EventEnvelope.occurredAt. */
  readonly occurredAt: string;
  /** Parsed too: the Kafka adapter copies them into the message's own headers. */
  readonly headers: EventHeaders;
  readonly payloadJson: string;
  readonly headersJson: string;
}

export function outgoingEvent(envelope: EventEnvelope): OutgoingEvent {
  return {
    eventId: envelope.eventId,
    type: envelope.type,
    version: envelope.version,
    topic: envelope.topic,
    key: envelope.key,
    occurredAt: envelope.occurredAt,
    headers: envelope.headers,
    payloadJson: JSON.stringify(envelope.payload),
    headersJson: JSON.stringify(envelope.headers),
  };
}

/**
 * The envelope's JSON document (the Kafka message value), fields in EventEnvelope's order: the same text
 * JSON.stringify(envelope) gives when payloadJson and headersJson are what JSON.stringify made of them.
 */
export function envelopeJson(event: OutgoingEvent): string {
  return (
    `{"eventId":${JSON.stringify(event.eventId)},"type":${JSON.stringify(event.type)},"version":${JSON.stringify(event.version)}` +
    `,"topic":${JSON.stringify(event.topic)},"key":${JSON.stringify(event.key)},"occurredAt":${JSON.stringify(event.occurredAt)}` +
    `,"payload":${event.payloadJson},"headers":${event.headersJson}}`
  );
}
