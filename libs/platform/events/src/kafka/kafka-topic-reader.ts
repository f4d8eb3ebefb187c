import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

export interface StoredEvent {
  eventId: string;
  partition: number;
  offset: string;
}

/**
 * The events a topic holds, by their `event-id` header, read from the brokers' log (not from what a consumer
 * group applied), from the first offset whose timestamp is at or after `since` (all retained ones without it)
 * up to the high-water mark seen at the start. Kafka's timestamp lookup returns the earliest such offset, so no
 * message stamped `since` or later sits before it. Messages are stamped with the event's occurredAt.
 * The loss checks (chaos, `npm run events:reconcile`, the leader-loss spec) use it as the topic's side of the truth.
 */
export async function readTopicEvents(
  kafka: Kafka,
  topic: string,
  since?: Date,
  timeoutMs = 180_000,
): Promise<StoredEvent[]> {
  const admin = kafka.admin();
  await admin.connect();
  let starts: Map<number, string>;
  let highs: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    highs = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    const fromTime = since ? await admin.fetchTopicOffsetsByTimestamp(topic, since.getTime()) : undefined;
    starts = new Map(
      offsets.map((o) => [o.partition, fromTime?.find((f) => f.partition === o.partition)?.offset ?? o.low]),
    );
  } finally {
    await admin.disconnect();
  }
  const pending = new Set(
    [...highs]
      .filter(([partition, high]) => BigInt(starts.get(partition)!) < high && high > 0n)
      .map(([p]) => p),
  );
  const events: StoredEvent[] = [];
  if (pending.size === 0) return events;

  const groupId = `harvest-topic-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((resolve, reject) => {
      done = resolve;
      timer = setTimeout(
        () => reject(new Error(`${topic}: not read to its high-water marks within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    // Seeking needs the group joined; the first fetches may start at the oldest offset, which only adds ids.
    let sought = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (!sought) for (const [partition, offset] of starts) consumer.seek({ topic, partition, offset });
      sought = true;
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const high = highs.get(batch.partition)!;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= high) break;
          const eventId = message.headers?.['event-id'];
          if (eventId !== undefined)
            events.push({ eventId: String(eventId), partition: batch.partition, offset: message.offset });
        }
        const last = batch.messages.at(-1);
        if (last && BigInt(last.offset) + 1n >= high) pending.delete(batch.partition);
        if (pending.size === 0) done();
      },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    const admin2 = kafka.admin();
    await admin2
      .connect()
      .then(() => admin2.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => admin2.disconnect().catch(() => undefined));
  }
  return events;
}
