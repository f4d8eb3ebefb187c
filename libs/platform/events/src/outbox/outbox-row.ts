import type { EventEnvelope, EventHeaders } from '@harvest/contracts';
import { type OutgoingEvent, outgoingEvent } from '../outgoing-event';

/** outbox_event and event_log share these columns; one mapping keeps the two in step. */
export interface EventRow {
  id: string | number;
  event_id: string;
  topic: string;
  event_key: string;
  type: string;
  version: number;
  payload: string;
  headers: string;
  /** 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, as EVENT_ROW_SELECT formats it (no driver time zone guessing). */
  occurred_at: string;
}

export const EVENT_ROW_COLUMNS = 'event_id, topic, event_key, type, version, payload, headers, occurred_at';
/** One row's `(?, ?, ...)` for EVENT_ROW_COLUMNS, for multi-row INSERTs. */
export const EVENT_ROW_PLACEHOLDERS = `(${EVENT_ROW_COLUMNS.split(',')
  .map(() => '?')
  .join(', ')})`;
export const EVENT_ROW_SELECT =
  "id, event_id, topic, event_key, type, version, payload, headers, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f') AS occurred_at";

/** Values for EVENT_ROW_COLUMNS, in that order. DATETIME(3) is stored in UTC. */
export function envelopeToRowValues(envelope: EventEnvelope): unknown[] {
  return eventToRowValues(outgoingEvent(envelope));
}

/** The same values from an event whose payload and headers are JSON text already (the embedded log's append). */
export function eventToRowValues(event: OutgoingEvent): unknown[] {
  return [
    event.eventId,
    event.topic,
    event.key,
    event.type,
    event.version,
    event.payloadJson,
    event.headersJson,
    toSqlDateTime(event.occurredAt),
  ];
}

/** The row as an event to publish: payload stays the stored JSON text (only the small headers are parsed). */
export function rowToOutgoingEvent(row: EventRow): OutgoingEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    version: Number(row.version),
    topic: row.topic,
    key: row.event_key,
    occurredAt: fromSqlDateTime(row.occurred_at),
    headers: JSON.parse(row.headers) as EventHeaders,
    payloadJson: row.payload,
    headersJson: row.headers,
  };
}

/** The row as the envelope consumers get, fields in EventEnvelope's order. */
export function rowToEnvelope(row: EventRow): EventEnvelope {
  const event = rowToOutgoingEvent(row);
  return {
    eventId: event.eventId,
    type: event.type,
    version: event.version,
    topic: event.topic,
    key: event.key,
    occurredAt: event.occurredAt,
    payload: JSON.parse(event.payloadJson) as unknown,
    headers: event.headers,
  };
}

export function toSqlDateTime(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC) to what Date#toISOString gives for it, by slicing: DATETIME's years are
 * 1000-9999 and %f always has six digits, so the first three are the milliseconds (toISOString truncates too).
 */
function fromSqlDateTime(value: string): string {
  return `${value.slice(0, 10)}T${value.slice(11, 23)}Z`;
}
