import type { KafkaClient } from './kafka-client.factory';
import { EVENT_ROW_SELECT, type EventRow, rowToOutgoingEvent, toSqlDateTime } from '../outbox/outbox-row';
import { requireAllAcknowledged } from '../publish-acks';
import { KafkaEventPublisher } from './kafka-event-publisher.adapter';
import { readTopicEvents } from './kafka-topic-reader';

/** Runs one SQL statement with ? parameters on the service's database (a mysql2 connection or a DataSource). */
export type SqlQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

export interface ReconcileRequest {
  /** The service schema whose outbox_event is checked, e.g. harvest_orders. */
  schema: string;
  /** Events that occurred in [from, to): occurred_at is also the Kafka message timestamp, so the topic is read from `from` on. */
  from: Date;
  to: Date;
  /** Publish the missing events again (in outbox id order; consumers dedupe by event id). */
  republish: boolean;
}

export interface TopicReconciliation {
  topic: string;
  /** Outbox rows of the range marked published. */
  published: number;
  /** Of those, the ones the topic does not hold, in outbox id order. */
  missing: Array<{ id: string; eventId: string }>;
  republished: number;
}

export interface ReconcileReport {
  schema: string;
  from: string;
  to: string;
  /** Rows of the range the relay has not published yet: its business, not counted as missing. */
  unpublished: number;
  topics: TopicReconciliation[];
}

const REPUBLISH_BATCH = 500;

/**
 * Compares an outbox's published rows of a time range with what their topics hold (by event id, from the
 * brokers' log) and, if asked, publishes the missing ones again through the relay's own publisher, requiring
 * every one acknowledged. The repair for rows marked published that never reached Kafka (issue 15).
 */
export async function reconcileOutbox(
  query: SqlQuery,
  kafka: KafkaClient,
  request: ReconcileRequest,
): Promise<ReconcileReport> {
  if (!/^[A-Za-z0-9_$]+$/.test(request.schema))
    throw new Error(`not a schema name: ${JSON.stringify(request.schema)}`);
  const range = [toSqlDateTime(request.from.toISOString()), toSqlDateTime(request.to.toISOString())];
  const table = `\`${request.schema}\`.outbox_event`;
  const rows = (await query(
    `SELECT ${EVENT_ROW_SELECT} FROM ${table} WHERE occurred_at >= ? AND occurred_at < ? AND published_at IS NOT NULL ORDER BY id`,
    range,
  )) as EventRow[];
  const [pending] = (await query(
    `SELECT COUNT(*) AS n FROM ${table} WHERE occurred_at >= ? AND occurred_at < ? AND published_at IS NULL`,
    range,
  )) as Array<{ n: number | string }>;

  const byTopic = new Map<string, EventRow[]>();
  for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
  const topics: TopicReconciliation[] = [];
  const publisher = new KafkaEventPublisher(kafka);
  try {
    for (const [topic, topicRows] of byTopic) {
      const stored = new Set((await readTopicEvents(kafka, topic, request.from)).map((e) => e.eventId));
      const missingRows = topicRows.filter((row) => !stored.has(row.event_id));
      let republished = 0;
      if (request.republish) {
        for (let i = 0; i < missingRows.length; i += REPUBLISH_BATCH) {
          const events = missingRows.slice(i, i + REPUBLISH_BATCH).map(rowToOutgoingEvent);
          requireAllAcknowledged(events, await publisher.publish(events));
          republished += events.length;
        }
      }
      topics.push({
        topic,
        published: topicRows.length,
        missing: missingRows.map((row) => ({ id: String(row.id), eventId: row.event_id })),
        republished,
      });
    }
  } finally {
    await publisher.close();
  }
  return {
    schema: request.schema,
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    unpublished: Number(pending?.n ?? 0),
    topics,
  };
}
