import { type KafkaContext, type KafkaOptions, type ReadPacket, ServerKafka } from '@nestjs/microservices';
import type { EventDispatcher } from '../dispatch/event-dispatcher';
import { invokeEventHandler } from '../dispatch/invoke-event-handler';

/**
 * Nest's Kafka transport (Transport.KAFKA, kafkajs consumer groups) with the shared delivery rules: each
 * event goes through the EventDispatcher (retries with backoff, then <topic>.dlq). eachMessage only returns
 * once the event was handled or dead-lettered, so its offset is committed only then and the partition,
 * hence every later event of the key, waits meanwhile.
 */
export class KafkaEventServer extends ServerKafka {
  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly dispatcher: EventDispatcher,
  ) {
    super(options);
  }

  override async handleEvent(pattern: string, packet: ReadPacket, context: KafkaContext): Promise<void> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) return super.handleEvent(pattern, packet, context); // logs "no handler" and moves on
    const key = context.getMessage().key;
    await this.dispatcher.dispatch(
      { topic: context.getTopic(), key: key === null || key === undefined ? null : String(key), data: packet.data },
      () => invokeEventHandler(handler, packet.data, context),
      () => context.getHeartbeat()(),
    );
  }
}
