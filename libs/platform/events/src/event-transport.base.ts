import type { DependencyCheck } from '@harvest/platform/health';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { EventDispatcher } from './dispatch/event-dispatcher';
import type { EventAck, EventServerOptions, EventTransport } from './event-transport';
import type { EventsConfig } from './events.config';
import type { OutgoingEvent } from './outgoing-event';

/**
 * What both transports share: one dispatcher with the configured retry policy, dead-lettering through the
 * transport itself, and the servers they built, so shutdown can stop consumption before the service's
 * database goes away (Nest closes connected microservices only after the application's shutdown hooks).
 */
export abstract class EventTransportBase implements EventTransport {
  abstract readonly name: EventTransport['name'];
  protected readonly dispatcher: EventDispatcher;
  private readonly servers = new Set<CustomTransportStrategy>();

  constructor(protected readonly config: EventsConfig) {
    this.dispatcher = new EventDispatcher(this, {
      maxAttempts: config.EVENTS_MAX_ATTEMPTS,
      backoffMs: config.EVENTS_RETRY_BACKOFF_MS,
      backoffMaxMs: config.EVENTS_RETRY_BACKOFF_MAX_MS,
    });
  }

  abstract start(): Promise<void>;
  abstract publish(events: ReadonlyArray<OutgoingEvent>): Promise<ReadonlyArray<EventAck>>;
  abstract check(): Promise<DependencyCheck>;
  abstract close(): Promise<void>;
  protected abstract buildServer(options: EventServerOptions): CustomTransportStrategy;

  createServer(options: EventServerOptions): CustomTransportStrategy {
    const server = this.buildServer(options);
    this.servers.add(server);
    return server;
  }

  async stopConsuming(): Promise<void> {
    // close() is idempotent on both servers, so Nest closing them again later is harmless.
    await Promise.all([...this.servers].map((server) => server.close()));
  }
}
