import { env, z } from '@harvest/platform/config';

/** Environment variables of the events library; spread into a service's config shape. */
export const eventsConfigShape = {
  /** embedded: events travel through the shared EVENTS_DB_NAME schema on the same MySQL server; kafka: through Kafka. */
  EVENTS_TRANSPORT: env.oneOf(['embedded', 'kafka'], 'embedded'),
  KAFKA_BROKERS: env.hostList('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: env.string('harvest'),
  /** Handler attempts (with backoff between them) before an event goes to <topic>.dlq. */
  EVENTS_MAX_ATTEMPTS: env.int(5, 1),
  EVENTS_RETRY_BACKOFF_MS: env.int(200, 0),
  EVENTS_RETRY_BACKOFF_MAX_MS: env.int(5000, 0),
  EVENTS_DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,64}$/, 'must be a plain schema name (letters, digits, underscore)')
    .default('harvest_events'),
  EVENTS_RELAY_POLL_MS: env.int(250, 10),
  EVENTS_RELAY_BATCH_SIZE: env.int(100, 1),
  /** Cap of the relay's exponential backoff while the transport refuses batches (e.g. broker down). */
  EVENTS_RELAY_BACKOFF_MAX_MS: env.int(10000, 10),
  /**
   * Kafka consumer session timeout. After a broker restart the group waits up to this long for members that
   * vanished, so it bounds how long consumption pauses; handlers heartbeat between retries.
   */
  EVENTS_KAFKA_SESSION_TIMEOUT_MS: env.int(30000, 6000),
  /** How often the embedded transport polls event_log for new rows. */
  EVENTS_EMBEDDED_POLL_MS: env.int(200, 10),
  /** Published outbox rows are deleted this long after publication (unpublished rows never). */
  EVENTS_OUTBOX_RETENTION_HOURS: env.int(72, 1),
  /**
   * Inbox rows (the consumers' dedupe record) are deleted after this many days. The floor of 8 keeps them
   * longer than Kafka can redeliver (topic retention 7 days, infra/kafka log.retention.hours=168): a shorter
   * setting would let a redelivered event take effect twice, so it stops the service at start-up.
   */
  EVENTS_INBOX_RETENTION_DAYS: env.int(14, 8),
  /** How often the retention job runs; 0 = never. */
  EVENTS_RETENTION_SWEEP_MS: env.int(3_600_000, 0),
  /** Rows per retention DELETE statement. */
  EVENTS_RETENTION_BATCH_SIZE: env.int(1000, 1),
};

export type EventsConfig = z.infer<z.ZodObject<typeof eventsConfigShape>>;
