import type { DependencyCheck } from '@harvest/platform/health';
import type { EventAck, EventServerOptions } from '../event-transport';
import { EventTransportBase } from '../event-transport.base';
import type { EventsConfig } from '../events.config';
import type { OutgoingEvent } from '../outgoing-event';
import { createKafkaClient, type KafkaClient } from './kafka-client.factory';
import { KafkaEventPublisher } from './kafka-event-publisher.adapter';
import { KafkaEventServer } from './kafka-event.server';

export class KafkaEventTransport extends EventTransportBase {
  readonly name = 'kafka';
  private readonly kafka: KafkaClient;
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
    return new KafkaEventServer(this.kafka, this.dispatcher, {
      group,
      sessionTimeoutMs: this.config.EVENTS_KAFKA_SESSION_TIMEOUT_MS,
    });
  }

  async check(): Promise<DependencyCheck> {
    const admin = this.kafka.admin();
    try {
      const cluster = await withTimeout(admin.metadata({ topics: [], forceUpdate: true }), 3000);
      return { up: true, detail: { brokers: cluster.brokers.size, controller: cluster.controllerId } };
    } catch (error) {
      return { up: false, detail: { error: (error as Error).message } };
    } finally {
      await admin.close().catch(() => undefined);
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
