import type { DependencyCheck } from '@harvest/platform/health';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { OutgoingEvent } from './outgoing-event';

/** Where the transport says it stored one event: Kafka's partition and offset; the embedded log's row id. */
export interface EventAck {
  readonly eventId: string;
  readonly topic: string;
  readonly partition: number;
  /** Decimal text: Kafka offsets are 64-bit. */
  readonly offset: string;
}

/**
 * The publishing port. publish() resolves with the events the transport acknowledged, each with where it was
 * stored; an event of the batch without an ack must be treated as not sent (the caller sends it again, consumers
 * dedupe by eventId). It rejects when the transport's answer says nothing reliable about any of them.
 * The answer is per event rather than "all or nothing" because a client library's promise is not proof: kafkajs
 * 2.2.4 resolves a multi-partition send after a leader change although some partitions were never written
 * (kafka/kafka-event-publisher.adapter.ts). acknowledgedPrefix() is the one reading of an answer for every caller.
 * Events come with payload and headers as JSON text (outgoingEvent(envelope) makes one from an envelope), so
 * the relay hands over what the outbox row holds without parsing and serialising each payload again.
 */
export interface EventPublisher {
  publish(events: ReadonlyArray<OutgoingEvent>): Promise<ReadonlyArray<EventAck>>;
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
