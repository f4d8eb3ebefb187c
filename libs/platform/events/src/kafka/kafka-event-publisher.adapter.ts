import { Logger } from '@nestjs/common';
import {
  CompressionTypes,
  type ICustomPartitioner,
  type Kafka,
  type Message,
  Partitioners,
  type Producer,
  type RecordMetadata,
  type TopicMessages,
} from 'kafkajs';
import type { EventAck, EventPublisher } from '../event-transport';
import { envelopeJson, type OutgoingEvent } from '../outgoing-event';

/** Kafka headers besides the envelope's own (trace context): lets tools route and filter without parsing values. */
export function kafkaMessageFor(event: OutgoingEvent): Message {
  return {
    key: event.key,
    value: envelopeJson(event),
    timestamp: String(Date.parse(event.occurredAt)),
    headers: {
      ...event.headers,
      'event-id': event.eventId,
      'event-type': event.type,
      'event-version': String(event.version),
    },
  };
}

/** Groups by topic, keeping the outbox order inside each topic (order only matters per topic and key). */
export function topicMessagesFor(events: ReadonlyArray<OutgoingEvent>): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of events) {
    const messages = byTopic.get(event.topic) ?? [];
    messages.push(kafkaMessageFor(event));
    byTopic.set(event.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * The acks a sendBatch answer proves, per event: a message counts as written only if the partition the
 * partitioner put it in is in the answer without error and with a base offset; its offset is that base plus its
 * place among the batch's messages of that partition (one produce request writes a partition's messages in order).
 * A partition missing from the answer, or answered twice, proves its first write only.
 */
export function kafkaAcksFor(
  topicMessages: ReadonlyArray<TopicMessages>,
  partitionOf: (message: Message) => number | undefined,
  answer: ReadonlyArray<RecordMetadata>,
): EventAck[] {
  const baseOffsets = new Map<string, bigint>();
  for (const { topicName, partition, errorCode, baseOffset } of answer) {
    const at = `${topicName}\u0000${partition}`;
    if (errorCode === 0 && baseOffset !== undefined && /^\d+$/.test(baseOffset) && !baseOffsets.has(at))
      baseOffsets.set(at, BigInt(baseOffset));
  }
  const acks: EventAck[] = [];
  const placeInPartition = new Map<string, bigint>();
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const partition = partitionOf(message);
      if (partition === undefined) continue;
      const at = `${topic}\u0000${partition}`;
      const place = placeInPartition.get(at) ?? 0n;
      placeInPartition.set(at, place + 1n);
      const base = baseOffsets.get(at);
      const eventId = message.headers?.['event-id'];
      if (base === undefined || typeof eventId !== 'string') continue;
      acks.push({ eventId, topic, partition, offset: String(base + place) });
    }
  }
  return acks;
}

/**
 * Publishes a whole relay batch in one sendBatch with an idempotent producer (acks from all in-sync replicas,
 * one request in flight, so retries inside kafkajs cannot reorder or duplicate).
 * After any failed send the producer is thrown away and a new one (new producer id) is made for the next
 * attempt: after a broker restart that is what reconnects, and it means a resend can never be mistaken by the
 * broker for a duplicate of a half-written batch and dropped.
 *
 * It returns acks for the messages of the partitions the answer names, not "all sent" because the promise
 * resolved (issue 15, kafkajs #1303): kafkajs 2.2.4's sendMessages keeps each broker's answer across its retries
 * and, on a retry, sends only to brokers that have none yet. When a broker dies mid-batch and its partitions'
 * leadership moves to a broker that already answered for other partitions, those partitions are never sent again,
 * and sendBatch resolves with the old answers, which do not name them. The partitioner is wrapped to learn which
 * partition each message went to, so the answer can be read message by message; a partial answer also discards
 * the producer, like a failure.
 */
export class KafkaEventPublisher implements EventPublisher {
  private readonly logger = new Logger(KafkaEventPublisher.name);
  private producer: Promise<Producer> | undefined;
  private readonly partitions = new WeakMap<Message, number>();

  constructor(private readonly kafka: Kafka) {}

  async publish(events: ReadonlyArray<OutgoingEvent>): Promise<EventAck[]> {
    if (events.length === 0) return [];
    const producer = await this.connectedProducer();
    const topicMessages = topicMessagesFor(events);
    let answer: RecordMetadata[];
    try {
      answer = await producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
    } catch (error) {
      await this.discardProducer();
      throw error;
    }
    const acks = kafkaAcksFor(topicMessages, (message) => this.partitions.get(message), answer);
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

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        createPartitioner: this.recordingPartitioner,
        // Bounded on purpose (kafkajs warns): the relay retries the whole batch with a fresh producer.
        retry: { initialRetryTime: 300, maxRetryTime: 3000, retries: 5 },
      });
      try {
        await producer.connect();
      } catch (error) {
        this.producer = undefined;
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
      producer.on(producer.events.DISCONNECT, () => this.logger.warn('Kafka producer disconnected'));
      return producer;
    })();
    return this.producer;
  }

  /** kafkajs's default partitioner, remembering its choice per message for kafkaAcksFor. */
  private readonly recordingPartitioner: ICustomPartitioner = () => {
    const choose = Partitioners.DefaultPartitioner();
    return (args) => {
      const partition = choose(args);
      this.partitions.set(args.message, partition);
      return partition;
    };
  };

  private async discardProducer(): Promise<void> {
    const pending = this.producer;
    this.producer = undefined;
    const producer = await pending?.catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }
}
