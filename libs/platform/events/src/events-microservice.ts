import type { INestApplicationContext } from '@nestjs/common';
import type { CustomStrategy } from '@nestjs/microservices';
import { EVENT_TRANSPORT, type EventServerOptions, type EventTransport } from './event-transport';

/**
 * Microservice options for the configured transport, for `app.connectMicroservice(...)`:
 *   app.connectMicroservice(eventsMicroserviceOptions(app, { group: 'search' }), { inheritAppConfig: true });
 *   await app.startAllMicroservices();
 * Kafka gives a KafkaEventServer (a consumer group on @platformatic/kafka) with the shared retry/dead-letter
 * rules; embedded gives the event-log poller. @EventPattern handlers are the same either way.
 */
export function eventsMicroserviceOptions(
  app: INestApplicationContext,
  options: EventServerOptions,
): CustomStrategy {
  return { strategy: app.get<EventTransport>(EVENT_TRANSPORT).createServer(options) };
}
