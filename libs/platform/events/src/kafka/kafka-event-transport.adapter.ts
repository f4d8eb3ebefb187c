import type { DependencyCheck } from '@harvest/platform/health';
import { type Kafka, logLevel } from 'kafkajs';
import type { EventAck, EventServerOptions } from '../event-transport';
import { EventTransportBase } from '../event-transport.base';
import type { EventsConfig } from '../events.config';
import type { OutgoingEvent } from '../outgoing-event';
import { createKafkaClient, kafkaClientConfig } from './kafka-client.factory';
import { KafkaEventPublisher } from './kafka-event-publisher.adapter';
import { KafkaEventServer } from './kafka-event.server';

export class KafkaEventTransport extends EventTransportBase {
  readonly name = 'kafka';
  private readonly kafka: Kafka;
  private readonly publisher: KafkaEventPublisher;

  constructor(config: EventsConfig) {
    super(config);
    this.kafka = createKafkaClient(config);
    this.publisher = new KafkaEventPublisher(this.kafka);
  }

  async start(): Promise<void> {
    // Nothing to prepare: the producer connects on first publish, and again after a failed one.
  }

  publish(events: ReadonlyArray<OutgoingEvent>): Promise<EventAck[]> {
    return this.publisher.publish(events);
  }

  protected buildServer({ group }: EventServerOptions): KafkaEventServer {
    return new KafkaEventServer(
      {
        client: kafkaClientConfig(this.config, logLevel.ERROR),
        consumer: {
          groupId: group,
          sessionTimeout: this.config.EVENTS_KAFKA_SESSION_TIMEOUT_MS,
          heartbeatInterval: Math.floor(this.config.EVENTS_KAFKA_SESSION_TIMEOUT_MS / 10),
          retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: 10 },
        },
        // A new group starts at the oldest retained event, like the embedded log: nothing published before
        // the service first started is skipped.
        subscribe: { fromBeginning: true },
        postfixId: '',
      },
      this.dispatcher,
    );
  }

  async check(): Promise<DependencyCheck> {
    const admin = this.kafka.admin();
    try {
      await withTimeout(admin.connect(), 3000);
      const cluster = await withTimeout(admin.describeCluster(), 3000);
      return { up: true, detail: { brokers: cluster.brokers.length, controller: cluster.controller } };
    } catch (error) {
      return { up: false, detail: { error: (error as Error).message } };
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.publisher.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
