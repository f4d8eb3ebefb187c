import { defineCounter } from '@harvest/platform/observability';

/** Prometheus counters for the event path; alert on relay failures and dead letters (infra/prometheus). */
export const outboxPublished = defineCounter(
  'harvest_outbox_published_total',
  'Outbox events the relay published and marked published.',
);
export const outboxRelayFailures = defineCounter(
  'harvest_outbox_relay_failures_total',
  'Outbox batches the transport refused (each is retried with backoff).',
);
export const eventsConsumed = defineCounter(
  'harvest_events_consumed_total',
  'Consumed events by topic and outcome: handled, retried (one failed attempt) or dead_lettered.',
  ['topic', 'outcome'],
);
