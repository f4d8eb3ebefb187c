import type { EventEnvelope } from '@harvest/contracts';

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
export const EVENT_ROW_SELECT =
  "id, event_id, topic, event_key, type, version, payload, headers, DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i:%s.%f') AS occurred_at";

/** Values for EVENT_ROW_COLUMNS, in that order. DATETIME(3) is stored in UTC. */
export function envelopeToRowValues(envelope: EventEnvelope): unknown[] {
  return [
    envelope.eventId,
    envelope.topic,
    envelope.key,
    envelope.type,
    envelope.version,
    JSON.stringify(envelope.payload),
    JSON.stringify(envelope.headers),
    toSqlDateTime(envelope.occurredAt),
  ];
}

export function rowToEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    type: row.type,
    version: Number(row.version),
    topic: row.topic,
    key: row.event_key,
    occurredAt: fromSqlDateTime(row.occurred_at),
    payload: JSON.parse(row.payload) as unknown,
    headers: JSON.parse(row.headers) as Record<string, string>,
  };
}

export function toSqlDateTime(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
}

function fromSqlDateTime(value: string): string {
  return new Date(value.replace(' ', 'T') + 'Z').toISOString();
}
