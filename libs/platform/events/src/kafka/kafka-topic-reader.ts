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
 * The loss checks (chaos, `npm run events:reconcile`, the leader-loss spec) use it as the topic's side of the truth,
 * right after brokers were killed, so a failed read resumes where it stopped until `timeoutMs` runs out.
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
  // Next offset to read per partition, for the partitions not yet read to their high-water mark.
  const next = new Map([...starts].filter(([partition, start]) => start < highs.get(partition)!));
  const events: StoredEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; next.size > 0; attempt++) {
    try {
      await readFrom(kafka, topic, highs, next, events, deadline - Date.now());
    } catch (error) {
      // A coordinator that moved (a broker restarted, leadership rebalanced back) fails the join with
      // NOT_COORDINATOR after the client's own few retries; the next attempt resumes where this one stopped.
      if (Date.now() + READ_RETRY_MS >= deadline || next.size === 0) throw error;
      await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS * Math.min(attempt, 5)));
    }
  }
  return events;
}

const READ_RETRY_MS = 1000;

/**
 * One consumer, under a throwaway group id, reading each partition in `next` from its offset to its high-water
 * mark; `next` advances (and loses a partition once it is read) as messages arrive, so a failed attempt leaves
 * it at the first message not yet taken.
 */
async function readFrom(
  kafka: KafkaClient,
  topic: string,
  highs: Map<number, bigint>,
  next: Map<number, bigint>,
  events: StoredEvent[],
  timeoutMs: number,
): Promise<void> {
  const groupId = `harvest-topic-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, autocommit: false });
  let timer: NodeJS.Timeout | undefined;
  try {
    const stream = await consumer.consume({
      topics: [topic],
      mode: MessagesStreamModes.MANUAL,
      offsets: [...next].map(([partition, offset]) => ({ topic, partition, offset })),
    });
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`${topic}: not read to its high-water marks within the reader's deadline`));
        void stream.close();
      }, timeoutMs);
    });
    const read = (async () => {
      for await (const message of stream) {
        const from = next.get(message.partition);
        // A partition already read, or a message before the resume point: taken by an earlier attempt.
        if (from === undefined || message.offset < from) continue;
        const high = highs.get(message.partition)!;
        if (message.offset < high) {
          const eventId = message.headers.get('event-id');
          if (eventId !== undefined)
            events.push({ eventId, partition: message.partition, offset: String(message.offset) });
        }
        if (message.offset + 1n >= high) next.delete(message.partition);
        else next.set(message.partition, message.offset + 1n);
        if (next.size === 0) break;
      }
    })();
    await Promise.race([read, timedOut]);
    if (next.size > 0) throw new Error(`${topic}: the stream ended before its high-water marks`);
  } finally {
    clearTimeout(timer);
    await consumer.close(true).catch(() => undefined);
    const admin = kafka.admin();
    await admin
      .deleteGroups({ groups: [groupId] })
      .catch(() => undefined)
      .finally(() => admin.close().catch(() => undefined));
  }
}
