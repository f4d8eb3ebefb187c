import { randomUUID } from 'node:crypto';
import { MessagesStreamModes } from '@platformatic/kafka';
import type { KafkaClient } from './kafka-client.factory';

export interface StoredEvent {
  eventId: string;
  partition: number;
  offset: string;
}

/** ListOffsets' special timestamps: the log end (high-water mark) and the log start. */
const LATEST = -1n;
const EARLIEST = -2n;

/**
 * The events a topic holds, by their `event-id` header, read from the brokers' log (not from what a consumer
 * group applied), from the first offset whose timestamp is at or after `since` (all retained ones without it)
 * up to the high-water mark seen at the start. Kafka's timestamp lookup returns the earliest such offset, so no
 * message stamped `since` or later sits before it. Messages are stamped with the event's occurredAt.
 * The loss checks (chaos, `npm run events:reconcile`, the leader-loss spec) use it as the topic's side of the truth.
 */
export async function readTopicEvents(
  kafka: KafkaClient,
  topic: string,
  since?: Date,
  timeoutMs = 180_000,
): Promise<StoredEvent[]> {
  const admin = kafka.admin();
  let starts: Map<number, bigint>;
  let highs: Map<number, bigint>;
  try {
    const metadata = await admin.metadata({ topics: [topic], forceUpdate: true });
    const partitions = [...Array(metadata.topics.get(topic)!.partitionsCount).keys()];
    const offsetsAt = async (timestamp: bigint) => {
      const [listed] = await admin.listOffsets({
        topics: [
          { name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex, timestamp })) },
        ],
      });
      return new Map((listed?.partitions ?? []).map((p) => [p.partitionIndex, p.offset]));
    };
    highs = await offsetsAt(LATEST);
    const lows = await offsetsAt(EARLIEST);
    // A partition with nothing stamped `since` or later answers -1: nothing of it is read.
    const fromTime = since ? await offsetsAt(BigInt(since.getTime())) : undefined;
    starts = new Map(
      partitions.map((p) => {
        const at = fromTime?.get(p);
        return [p, at === undefined ? lows.get(p)! : at < 0n ? highs.get(p)! : at];
      }),
    );
  } finally {
    await admin.close().catch(() => undefined);
  }
  const pending = new Set(
    [...highs].filter(([partition, high]) => starts.get(partition)! < high).map(([p]) => p),
  );
  const events: StoredEvent[] = [];
  if (pending.size === 0) return events;

  const groupId = `harvest-topic-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, autocommit: false });
  let timer: NodeJS.Timeout | undefined;
  try {
    const stream = await consumer.consume({
      topics: [topic],
      mode: MessagesStreamModes.MANUAL,
      offsets: [...starts].map(([partition, offset]) => ({ topic, partition, offset })),
    });
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`${topic}: not read to its high-water marks within ${timeoutMs} ms`));
        void stream.close();
      }, timeoutMs);
    });
    const read = (async () => {
      for await (const message of stream) {
        const high = highs.get(message.partition)!;
        if (message.offset < high) {
          const eventId = message.headers.get('event-id');
          if (eventId !== undefined)
            events.push({ eventId, partition: message.partition, offset: String(message.offset) });
        }
        if (message.offset + 1n >= high) pending.delete(message.partition);
        if (pending.size === 0) break;
      }
    })();
    await Promise.race([read, timedOut]);
  } finally {
    clearTimeout(timer);
    await consumer.close(true).catch(() => undefined);
    const admin2 = kafka.admin();
    await admin2
      .deleteGroups({ groups: [groupId] })
      .catch(() => undefined)
      .finally(() => admin2.close().catch(() => undefined));
  }
  return events;
}
