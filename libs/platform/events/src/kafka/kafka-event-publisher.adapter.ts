import { Logger } from '@nestjs/common';
import {
  compatibilityPartitioner,
  type MessageToProduce,
  ProduceAcks,
  type ProduceResult,
  type TopicWithPartitionAndOffset,
} from '@platformatic/kafka';
import type { EventAck, EventPublisher } from '../event-transport';
import { envelopeJson, type OutgoingEvent } from '../outgoing-event';
import type { KafkaClient, TextProducer } from './kafka-client.factory';

export type KafkaMessage = MessageToProduce<string, string, string, string> & {
  headers: Record<string, string>;
};

/** Kafka headers besides the envelope's own (trace context): lets tools route and filter without parsing values. */
export function kafkaMessageFor(event: OutgoingEvent): KafkaMessage {
  return {
    topic: event.topic,
    key: event.key,
    value: envelopeJson(event),
    timestamp: BigInt(Date.parse(event.occurredAt)),
    headers: {
      ...event.headers,
      'event-id': event.eventId,
      'event-type': event.type,
      'event-version': String(event.version),
    },
  };
}

/** One message per event, in outbox order (order only matters per topic and key). */
export function kafkaMessagesFor(events: ReadonlyArray<OutgoingEvent>): KafkaMessage[] {
  return events.map(kafkaMessageFor);
}

/**
 * The partition of a keyed message among `partitions`: Java's (and kafkajs's) murmur2 partitioner, so a key
 * stays in the partition it was in before the client changed, and with it the order of its events.
 */
export function partitionForKey(key: string, partitions: number): number {
  return compatibilityPartitioner(undefined as never, Buffer.from(key)) % partitions;
}

/**
 * The acks a produce answer proves, per event: a message counts as written only if its partition is in the
 * answer with a base offset; its offset is that base plus its place among the batch's messages of that partition
 * (one produce request writes a partition's messages in order). A partition missing from the answer proves
 * nothing, and one answered twice proves its first write only.
 */
export function kafkaAcksFor(
  messages: ReadonlyArray<KafkaMessage>,
  answer: ReadonlyArray<TopicWithPartitionAndOffset>,
): EventAck[] {
  const baseOffsets = new Map<string, bigint>();
  for (const { topic, partition, offset } of answer) {
    const at = `${topic}\u0000${partition}`;
    if (typeof offset === 'bigint' && offset >= 0n && !baseOffsets.has(at)) baseOffsets.set(at, offset);
  }
  const acks: EventAck[] = [];
  const placeInPartition = new Map<string, bigint>();
  for (const { topic, partition, headers } of messages) {
    if (partition === undefined) continue;
    const at = `${topic}\u0000${partition}`;
    const place = placeInPartition.get(at) ?? 0n;
    placeInPartition.set(at, place + 1n);
    const base = baseOffsets.get(at);
    const eventId = headers['event-id'];
    if (base === undefined || typeof eventId !== 'string') continue;
    acks.push({ eventId, topic, partition, offset: String(base + place) });
  }
  return acks;
}

/**
 * Publishes a whole relay batch in one send with an idempotent producer (acks from all in-sync replicas; retries
 * inside the client resend with the same sequence numbers, so the broker drops a duplicate).
 * After any failed send the producer is thrown away and a new one (new producer id) is made for the next
 * attempt: after a broker restart that is what reconnects, and it means a resend can never be mistaken by the
 * broker for a duplicate of a half-written batch and dropped.
 *
 * It returns acks for the messages of the partitions the answer names, not "all sent" because the promise
 * resolved (issue 15): kafkajs 2.2.4 resolved a multi-partition send after a leader change although some
 * partitions were never written (tulios/kafkajs#1303), and no client's promise is taken as proof since.
 * Each message's partition is chosen here (from the producer's topic metadata) rather than by the client, so the
 * answer can be read message by message. @platformatic/kafka fails the whole send when one broker's answer
 * fails, and names on the error (`produced`) the partitions other brokers did write: those are acked, the
 * rest count as not sent, and a partial answer also discards the producer, like a failure.
 */
export class KafkaEventPublisher implements EventPublisher {
  private readonly logger = new Logger(KafkaEventPublisher.name);
  private producer: TextProducer | undefined;

  constructor(private readonly kafka: KafkaClient) {}

  async publish(events: ReadonlyArray<OutgoingEvent>): Promise<EventAck[]> {
    if (events.length === 0) return [];
    const producer = (this.producer ??= this.kafka.producer({
      idempotent: true,
      acks: ProduceAcks.ALL,
      autocreateTopics: true,
    }));
    const messages = kafkaMessagesFor(events);
    let answer: ProduceResult;
    try {
      const topics = [...new Set(messages.map((m) => m.topic))];
      const metadata = await producer.metadata({ topics, autocreateTopics: true });
      for (const message of messages) {
        const partitions = metadata.topics.get(message.topic)?.partitionsCount;
        if (!partitions) throw new Error(`Kafka gave no partitions for topic ${message.topic}`);
        message.partition = partitionForKey(message.key!, partitions);
      }
      answer = await producer.send({ messages });
    } catch (error) {
      await this.discardProducer();
      const produced = (error as { produced?: ProduceResult }).produced?.offsets ?? [];
      const acks = kafkaAcksFor(messages, produced);
      if (acks.length === 0) throw error;
      this.logger.warn(
        `Kafka acknowledged ${acks.length} of ${events.length} events of a failed batch; the rest count as not sent: ${(error as Error).message}`,
      );
      return acks;
    }
    const acks = kafkaAcksFor(messages, answer.offsets ?? []);
    if (acks.length < events.length) {
      this.logger.warn(
        `Kafka acknowledged ${acks.length} of ${events.length} events of a batch; the rest count as not sent`,
      );
      await this.discardProducer();
    }
    return acks;
  }

  async close(): Promise<void> {
    await this.discardProducer();
  }

  private async discardProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close(true).catch(() => undefined);
  }
}
