import { Logger } from '@nestjs/common';
import { CompressionTypes, type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import type { EventPublisher } from '../event-transport';
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
 * Publishes a whole relay batch in one sendBatch with an idempotent producer (acks from all in-sync replicas,
 * one request in flight, so retries inside kafkajs cannot reorder or duplicate).
 * After any failed send the producer is thrown away and a new one (new producer id) is made for the next
 * attempt: after a broker restart that is what reconnects, and it means a resend can never be mistaken by the
 * broker for a duplicate of a half-written batch and dropped.
 */
export class KafkaEventPublisher implements EventPublisher {
  private readonly logger = new Logger(KafkaEventPublisher.name);
  private producer: Promise<Producer> | undefined;

  constructor(private readonly kafka: Kafka) {}

  async publish(events: ReadonlyArray<OutgoingEvent>): Promise<void> {
    if (events.length === 0) return;
    const producer = await this.connectedProducer();
    try {
      await producer.sendBatch({ topicMessages: topicMessagesFor(events), acks: -1, compression: CompressionTypes.None });
    } catch (error) {
      await this.discardProducer();
      throw error;
    }
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

  private async discardProducer(): Promise<void> {
    const pending = this.producer;
    this.producer = undefined;
    const producer = await pending?.catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }
}
