import type { Kafka, ProducerBatch, ProducerConfig, RecordMetadata } from 'kafkajs';
import { outgoingEvent } from '../outgoing-event';
import { platformTestV1 } from '../testing/platform-test-event';
import { KafkaEventPublisher, topicMessagesFor } from './kafka-event-publisher.adapter';

describe('topicMessagesFor', () => {
  it('keys messages by event key, carries envelope headers, and keeps order within each topic', () => {
    const a = platformTestV1.withTopic('a');
    const b = platformTestV1.withTopic('b');
    const envelopes = [
      a.create({ key: 'k1', payload: { seq: 1 }, headers: { traceparent: 'tp' } }),
      b.create({ key: 'k2', payload: { seq: 2 } }),
      a.create({ key: 'k1', payload: { seq: 3 } }),
    ];
    const batches = topicMessagesFor(envelopes.map(outgoingEvent));
    expect(batches.map((t) => t.topic)).toEqual(['a', 'b']);
    expect(batches[0]!.messages.map((m) => JSON.parse(String(m.value)).payload.seq)).toEqual([1, 3]);
    expect(batches[0]!.messages[0]).toMatchObject({
      key: 'k1',
      headers: {
        traceparent: 'tp',
        'event-id': envelopes[0]!.eventId,
        'event-type': 'platform.test',
        'event-version': '1',
      },
    });
    expect(JSON.parse(String(batches[0]!.messages[0]!.value))).toEqual(envelopes[0]);
  });
});

/**
 * A stand-in for kafkajs's producer: partitions each message with the partitioner the publisher configured, over
 * three partitions, and answers like a broker with a base offset per partition, except the partitions `omit`
 * names, as kafkajs 2.2.4 resolves after a leader change moved them to a broker that had answered already.
 */
function fakeKafka(answer: { omit?: number[]; errorOn?: number[] } = {}) {
  const log = {
    batches: [] as Array<Array<{ topic: string; partition: number; eventId: string }>>,
    disconnects: 0,
  };
  const partitionMetadata = [0, 1, 2].map((partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    partitionErrorCode: 0,
  }));
  const kafka = {
    producer: (config: ProducerConfig) => {
      const partitioner = config.createPartitioner!();
      return {
        events: { DISCONNECT: 'producer.disconnect' },
        on: () => undefined,
        connect: async () => undefined,
        disconnect: async () => void log.disconnects++,
        sendBatch: async ({ topicMessages }: ProducerBatch): Promise<RecordMetadata[]> => {
          const written: Array<{ topic: string; partition: number; eventId: string }> = [];
          for (const { topic, messages } of topicMessages!)
            for (const message of messages)
              written.push({
                topic,
                partition: partitioner({ topic, partitionMetadata, message }),
                eventId: String(message.headers!['event-id']),
              });
          log.batches.push(written);
          const partitions = [...new Set(written.map((w) => `${w.topic}|${w.partition}`))].map((at) =>
            at.split('|'),
          );
          return partitions
            .filter(([, p]) => !answer.omit?.includes(Number(p)))
            .map(([topicName, p]) => ({
              topicName: topicName!,
              partition: Number(p),
              errorCode: answer.errorOn?.includes(Number(p)) ? 6 : 0,
              baseOffset: `${100 * Number(p)}`,
            }));
        },
      };
    },
  } as unknown as Kafka;
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
      expect(ack).toMatchObject({
        topic: 'orders',
        offset: String(100 * ack.partition + inPartition.findIndex((w) => w.eventId === ack.eventId)),
      });
    }
  });

  it.each([
    ['leaves a partition out (kafkajs #1303)', { omit: [1] }],
    ['names a partition with an error code', { errorOn: [1] }],
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
      expect(log.disconnects).toBe(1);
    },
  );
});
