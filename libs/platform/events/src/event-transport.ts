import type { DependencyCheck } from '@harvest/platform/health';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { OutgoingEvent } from './outgoing-event';

/**
 * The publishing port. publish() resolves only when the transport acknowledged every event, in order;
 * it rejects if any was not, and the caller then sends the same events again (consumers dedupe by eventId).
 * Events come with payload and headers as JSON text (outgoingEvent(envelope) makes one from an envelope), so
 * the relay hands over what the outbox row holds without parsing and serialising each payload again.
 */
export interface EventPublisher {
  publish(events: ReadonlyArray<OutgoingEvent>): Promise<void>;
}

export interface EventServerOptions {
  /** Consumer group: every instance of one service shares it, so each event reaches one of them. */
  group: string;
}

/**
 * One event transport (Kafka or the embedded database log): it publishes for the outbox relay and
 * builds the Nest microservice server that feeds @EventPattern handlers.
 */
export interface EventTransport extends EventPublisher {
  readonly name: 'kafka' | 'embedded';
  /** Prepares the transport (connect, create the embedded schema); idempotent. */
  start(): Promise<void>;
  /** Stops the servers it created from taking new events, letting the one in hand finish. */
  stopConsuming(): Promise<void>;
  close(): Promise<void>;
  createServer(options: EventServerOptions): CustomTransportStrategy;
  check(): Promise<DependencyCheck>;
}

export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');
export const EVENTS_CONFIG = Symbol('EVENTS_CONFIG');
export const EVENTS_DATA_SOURCE = Symbol('EVENTS_DATA_SOURCE');
