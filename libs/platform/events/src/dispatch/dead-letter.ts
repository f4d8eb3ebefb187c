import { randomUUID } from 'node:crypto';
import { type EventEnvelope, isEventEnvelope } from '@harvest/contracts';

export const DEAD_LETTER_SUFFIX = '.dlq';

/** What reached a consumer: the topic it came from and the decoded message (normally an envelope). */
export interface IncomingEvent {
  topic: string;
  key: string | null;
  data: unknown;
}

export function deadLetterTopic(topic: string): string {
  return topic + DEAD_LETTER_SUFFIX;
}

/** A readable one-line account of whatever a handler threw (Nest hands over plain objects for unknown errors). */
export function describeError(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = `${error.name}: ${error.message}`;
  else if (typeof error === 'object' && error !== null) text = JSON.stringify(error);
  else text = String(error);
  return text.length > 2000 ? text.slice(0, 2000) + '…' : text;
}

/**
 * The dead letter keeps the original envelope (same eventId, key and payload, so it can be replayed as is)
 * and says why in headers. A message that is not an envelope at all is wrapped so it is not lost.
 */
export function toDeadLetter(
  event: IncomingEvent,
  error: unknown,
  attempts: number,
  now = new Date(),
): EventEnvelope {
  const original: EventEnvelope = isEventEnvelope(event.data)
    ? event.data
    : {
        eventId: randomUUID(),
        type: 'unknown',
        version: 0,
        topic: event.topic,
        key: event.key || 'unknown',
        occurredAt: now.toISOString(),
        payload: event.data,
        headers: {},
      };
  return {
    ...original,
    topic: deadLetterTopic(event.topic),
    headers: {
      ...original.headers,
      'dlq-original-topic': event.topic,
      'dlq-error': describeError(error),
      'dlq-attempts': String(attempts),
      'dlq-failed-at': now.toISOString(),
    },
  };
}
