/**
 * The Kafka side of the events truth: every outbox row marked published is looked up in its topic by event id,
 * read from the brokers' log (readTopicEvents), so a row marked published but never written counts as lost even
 * when no consumer was listening (issue 15). Also the partition leaders, to aim each broker kill.
 */
import { createKafkaClient } from '../../libs/platform/events/src/kafka/kafka-client.factory';
import { readTopicEvents } from '../../libs/platform/events/src/kafka/kafka-topic-reader';
import type { RowDataPacket } from 'mysql2/promise';
import { KAFKA_BROKERS, SCHEMA_PREFIX } from './chaos-settings';
import type { TruthDb } from './truth-db';

const kafka = () =>
  createKafkaClient({
    KAFKA_BROKERS: KAFKA_BROKERS.map((b) => ({ host: b.split(':')[0]!, port: Number(b.split(':')[1]) })),
    KAFKA_CLIENT_ID: 'chaos-topic-truth',
  });

export interface TopicTruth {
  /** order.placed rows marked published since `since`. */
  published: number;
  /** Of those, absent from the topic. */
  lost: number;
  /** Messages of those events beyond the first: re-sends after an unclear answer (absorbed by the inbox). */
  extraCopies: number;
}

export async function orderPlacedTopicTruth(db: TruthDb, since: Date): Promise<TopicTruth> {
  const rows = await db.query<RowDataPacket>(
    `SELECT event_id FROM ${SCHEMA_PREFIX}orders.outbox_event WHERE topic = 'order.placed' AND published_at IS NOT NULL AND occurred_at >= ?`,
    [since.toISOString().replace('T', ' ').replace('Z', '')],
  );
  const copies = new Map<string, number>();
  for (const { eventId } of await readTopicEvents(kafka(), 'order.placed', since))
    copies.set(eventId, (copies.get(eventId) ?? 0) + 1);
  let lost = 0;
  let extraCopies = 0;
  for (const row of rows) {
    const n = copies.get(String(row.event_id)) ?? 0;
    if (n === 0) lost++;
    else extraCopies += n - 1;
  }
  return { published: rows.length, lost, extraCopies };
}

/** The node id leading `partition` of `topic`, and whether all its partitions have three replicas in sync. */
export async function topicState(
  topic: string,
  partition: number,
): Promise<{ leader: number; inSync: boolean }> {
  const admin = kafka().admin();
  try {
    const { topics } = await admin.metadata({ topics: [topic], forceUpdate: true });
    const partitions = topics.get(topic)?.partitions ?? [];
    const leader = partitions[partition]?.leader ?? -1;
    return {
      leader,
      inSync: partitions.length > 0 && partitions.every((p) => p.leader >= 0 && p.isr.length === 3),
    };
  } catch {
    return { leader: -1, inSync: false };
  } finally {
    await admin.close().catch(() => undefined);
  }
}
