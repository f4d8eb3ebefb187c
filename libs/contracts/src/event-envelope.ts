import { z } from 'zod';

/** String headers that travel with an event: trace context (traceparent, tracestate) and transport facts. */
export type EventHeaders = Record<string, string>;

/**
 * What every event looks like on every transport (Kafka message value, embedded event_log row, outbox row).
 * Consumers dedupe on eventId; key decides ordering (events with one key are delivered in order).
 */
export interface EventEnvelope<T = unknown> {
  eventId: string;
  type: string;
  version: number;
  topic: string;
  key: string;
  /** ISO-8601 instant the producer created the event. */
  occurredAt: string;
  payload: T;
  headers: EventHeaders;
}

/** The wire shape, without the payload's own schema: used to check that a message is an envelope at all. */
export const eventEnvelopeSchema = z.object({
  // z.guid(): any 8-4-4-4-12 hex id, as zod 3's uuid() accepted; zod 4's uuid() also checks the RFC 9562
  // version and variant digits, which would start refusing ids a producer has always been allowed to send.
  eventId: z.guid(),
  type: z.string().min(1),
  version: z.number().int().min(0),
  topic: z.string().min(1),
  key: z.string().min(1),
  occurredAt: z.string().datetime({ offset: true }),
  payload: z.unknown(),
  headers: z.record(z.string(), z.string()).default({}),
});

export function isEventEnvelope(value: unknown): value is EventEnvelope {
  return eventEnvelopeSchema.safeParse(value).success;
}
