import type { ProduceResult, SendOptions } from '@platformatic/kafka';
import { outgoingEvent } from '../outgoing-event';
import { platformTestV1 } from '../testing/platform-test-event';
import type { KafkaClient } from './kafka-client.factory';
import { KafkaEventPublisher, kafkaMessagesFor, partitionForKey } from './kafka-event-publisher.adapter';

describe('kafkaMessagesFor', () => {
  it('keys messages by event key, carries envelope headers, and keeps order within each topic', () => {
    const a = platformTestV1.withTopic('a');
    const b = platformTestV1.withTopic('b');
    const envelopes = [
      a.create({ key: 'k1', payload: { seq: 1 }, headers: { traceparent: 'tp' } }),
      b.create({ key: 'k2', payload: { seq: 2 } }),
      a.create({ key: 'k1', payload: { seq: 3 } }),
    ];
    const messages = kafkaMessagesFor(envelopes.map(outgoingEvent));
    expect(messages.map((m) => m.topic)).toEqual(['a', 'b', 'a']);
    const inA = messages.filter((m) => m.topic === 'a');
    expect(inA.map((m) => JSON.parse(String(m.value)).payload.seq)).toEqual([1, 3]);
    expect(inA[0]).toMatchObject({
      key: 'k1',
      headers: {
        traceparent: 'tp',
        'event-id': envelopes[0]!.eventId,
        'event-type': 'platform.test',
        'event-version': '1',
      },
    });
    expect(JSON.parse(String(inA[0]!.value))).toEqual(envelopes[0]);
  });
});

describe('partitionForKey', () => {
  it("puts a key in the partition kafkajs's (Java's) default partitioner did, so a key's order survives the client change", () => {
    // Computed with kafkajs 2.2.4's DefaultPartitioner over 6 partitions before it was removed (issue 17).
    const kafkajsPartitions = {
      '0': 2,
      'order-1': 4,
      'order-2': 3,
      'sku-42': 3,
      'a3f1c2d4-9b8e-4f7a-8c6d-5e4f3a2b1c0d': 0,
      '100:48069': 3,
    };
    for (const [key, partition] of Object.entries(kafkajsPartitions))
      expect([key, partitionForKey(key, 6)]).toEqual([key, partition]);
  });
});

type Written = { topic: string; partition: number; eventId: string };

/**
 * A stand-in for @platformatic/kafka's producer over three partitions: it writes each message to the partition
 * the publisher set and answers like the client with a base offset per partition, except the partitions
 * `omit` names (an answer that leaves a partition out), or, for `failOn`, by rejecting the whole send with the
 * partitions the other brokers wrote on the error's `produced`, as the client does when one broker's answer fails.
 */
function fakeKafka(answer: { omit?: number[]; failOn?: number[] } = {}) {
  const log = { batches: [] as Written[][], closes: 0 };
  const kafka = {
    producer: () => ({
      metadata: async ({ topics }: { topics: string[] }) => ({
        topics: new Map(topics.map((topic) => [topic, { partitionsCount: 3 }])),
      }),
      close: async () => void log.closes++,
      send: async ({ messages }: SendOptions<string, string, string, string>): Promise<ProduceResult> => {
        const written = messages.map((m) => ({
          topic: m.topic,
          partition: m.partition!,
          eventId: String((m.headers as Record<string, string>)['event-id']),
        }));
        log.batches.push(written);
        const partitions = [...new Set(written.map((w) => `${w.topic}|${w.partition}`))].map((at) =>
          at.split('|'),
        );
        const offsets = partitions
          .filter(([, p]) => !answer.omit?.includes(Number(p)) && !answer.failOn?.includes(Number(p)))
          .map(([topic, p]) => ({ topic: topic!, partition: Number(p), offset: BigInt(100 * Number(p)) }));
        if (answer.failOn)
          throw Object.assign(new Error('Producing messages failed.'), { produced: { offsets } });
        return { offsets };
      },
    }),
  } as unknown as KafkaClient;
  return { kafka, log };
}

describe('KafkaEventPublisher acks', () => {
  const contract = platformTestV1.withTopic('orders');
  const events = Array.from({ length: 12 }, (_, seq) =>
    outgoingEvent(contract.create({ key: `order-${seq % 6}`, payload: { seq } })),
  );

  it('acks every event of a whole answer with its partition and offset (base offset + place in the partition)', async () => {
    const { kafka, log } = fakeKafka();
    const acks = await new KafkaEventPublisher(kafka).publish(events);
    const written = log.batches[0]!;
    expect(acks).toHaveLength(12);
    for (const ack of acks) {
      const inPartition = written.filter((w) => w.partition === ack.partition);
      expect(written.find((w) => w.eventId === ack.eventId)!.partition).toBe(ack.partition);
      expect(ack.partition).toBe(partitionForKey(events.find((e) => e.eventId === ack.eventId)!.key, 3));
      expect(ack).toMatchObject({
        topic: 'orders',
        offset: String(100 * ack.partition + inPartition.findIndex((w) => w.eventId === ack.eventId)),
      });
    }
    expect(log.closes).toBe(0);
  });

  it.each([
    ['leaves a partition out (what kafkajs #1303 did)', { omit: [1] }],
    ["fails for one partition's broker and names what the others wrote", { failOn: [1] }],
  ])(
    'acks none of the events of a partition when the answer %s, and discards the producer',
    async (_, answer) => {
      const { kafka, log } = fakeKafka(answer);
      const publisher = new KafkaEventPublisher(kafka);
      const acks = await publisher.publish(events);
      const inPartition1 = log.batches[0]!.filter((w) => w.partition === 1).map((w) => w.eventId);
      expect(inPartition1.length).toBeGreaterThan(0);
      expect(acks.map((a) => a.eventId).sort()).toEqual(
        log.batches[0]!.filter((w) => w.partition !== 1)
          .map((w) => w.eventId)
          .sort(),
      );
      expect(log.closes).toBe(1);
    },
  );

  it('rejects, and discards the producer, when a failed send names nothing written', async () => {
    const { kafka, log } = fakeKafka({ failOn: [0, 1, 2] });
    await expect(new KafkaEventPublisher(kafka).publish(events)).rejects.toThrow(
      'Producing messages failed.',
    );
    expect(log.closes).toBe(1);
  });
});
