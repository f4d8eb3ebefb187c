import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { EventDispatcher } from '../dispatch/event-dispatcher';
import { invokeEventHandler } from '../dispatch/invoke-event-handler';
import type { KafkaClient } from './kafka-client.factory';
import { KafkaEventContext } from './kafka-event.context';
import { KafkaGroupConsumer, type KafkaTextMessage } from './kafka-group-consumer';

export interface KafkaEventServerOptions {
  group: string;
  sessionTimeoutMs: number;
}

export const KAFKA_EVENTS_TRANSPORT = Symbol.for('harvest.events.kafka');

/**
 * A Nest microservice server on a Kafka consumer group (KafkaGroupConsumer: one event at a time, offset committed
 * once handled) feeding the @EventPattern handlers, one per topic, with the shared delivery rules: each event goes
 * through the EventDispatcher (retries with backoff, then <topic>.dlq), so its offset is committed only once it
 * was handled or dead-lettered. If the dead letter cannot be published the dispatcher rejects, and the group
 * consumer rejoins and delivers the event again.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  override readonly transportId = KAFKA_EVENTS_TRANSPORT;
  protected override readonly logger = new Logger(KafkaEventServer.name);
  private consumer: KafkaGroupConsumer | undefined;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly dispatcher: EventDispatcher,
    private readonly options: KafkaEventServerOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    const consumer = new KafkaGroupConsumer(
      this.kafka,
      {
        groupId: this.options.group,
        topics: [...this.messageHandlers.keys()],
        sessionTimeoutMs: this.options.sessionTimeoutMs,
      },
      (message) => this.handleMessage(message),
    );
    try {
      await consumer.start();
    } catch (error) {
      return callback(error);
    }
    this.consumer = consumer;
    callback();
  }

  /** Stops taking events and lets the one in hand finish; idempotent, so Nest closing it again is harmless. */
  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async handleMessage(message: KafkaTextMessage): Promise<void> {
    const handler = this.getHandlerByPattern(message.topic);
    if (!handler) {
      this.logger.error(
        `no event handler for topic ${message.topic}; its event at offset ${message.offset} is skipped`,
      );
      return;
    }
    const data = parseValue(message.value);
    const context = new KafkaEventContext([message.topic, message.partition, String(message.offset)]);
    await this.dispatcher.dispatch({ topic: message.topic, key: message.key ?? null, data }, () =>
      invokeEventHandler(handler, data, context),
    );
  }
}

/** The envelope as the handlers expect it (JSON); anything else is handed over as text, for the contract to refuse. */
function parseValue(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
