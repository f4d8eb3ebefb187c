export { eventsConfigShape, type EventsConfig } from './events.config';
export {
  EventsModule,
  type EventsModuleOptions,
  type ProviderSource,
  createEventTransport,
} from './events.module';
export { eventsMicroserviceOptions } from './events-microservice';
export {
  EVENT_TRANSPORT,
  EVENTS_CONFIG,
  type EventAck,
  type EventPublisher,
  type EventServerOptions,
  type EventTransport,
} from './event-transport';
export { OutboxWriter, OutboxTransactionRequiredError } from './outbox/outbox-writer.service';
export { outgoingEvent, type OutgoingEvent } from './outgoing-event';
export { OutboxRelay, type OutboxRelayStatus } from './outbox/outbox-relay.service';
export { EventsRetentionJob, type EventsRetentionReport } from './retention/events-retention.job';
export { InboxService, type InboxOutcome, type TransactionRunner } from './inbox/inbox.service';
export { EventsHealthIndicator } from './events-health.indicator';
export { RethrowEventErrorsFilter } from './rethrow-event-errors.filter';
export { deadLetterTopic, DEAD_LETTER_SUFFIX } from './dispatch/dead-letter';
export { EmbeddedEventContext } from './embedded/embedded-event.context';
export { KafkaEventContext } from './kafka/kafka-event.context';
export { eventsMigrations, InboxEvent1763900000001, OutboxEvent1763900000000 } from './migrations';
export { MysqlAdvisoryLease } from './lease/mysql-advisory-lease';
