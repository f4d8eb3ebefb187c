import { loadConfig } from '@harvest/platform/config';
import type { EventEnvelope } from '@harvest/contracts';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { eventsConfigShape } from '../events.config';
import { OutboxRelay } from '../outbox/outbox-relay.service';
import { OutboxWriter } from '../outbox/outbox-writer.service';
import { Observed, startEventsTestApp } from '../testing/events-test-app';
import { createServiceDatabase, uniqueSuffix, waitFor } from '../testing/events-test-database';
import { createTopics, deleteTopics, harness, requireKafka } from '../testing/kafka-test-support';
import { platformTestV1 } from '../testing/platform-test-event';
import { defineTransportScenarios, installTracePropagation } from '../testing/transport-scenarios';

describe('Kafka transport (@platformatic/kafka idempotent producer and consumer group)', () => {
  const suffix = uniqueSuffix();
  const topic = `platform-test.${suffix}`;
  const observed = new Observed();
  const maxAttempts = 3;
  let app: INestApplication;
  let dataSource: DataSource;
  let dropServiceDb: () => Promise<void>;

  beforeAll(async () => {
    installTracePropagation();
    await requireKafka();
    await createTopics([topic, `${topic}.dlq`]);
    ({ dataSource, drop: dropServiceDb } = await createServiceDatabase());
    const config = loadConfig(eventsConfigShape, {
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_CLIENT_ID: `events-test-${suffix}`,
      EVENTS_MAX_ATTEMPTS: String(maxAttempts),
      EVENTS_RETRY_BACKOFF_MS: '50',
      EVENTS_RETRY_BACKOFF_MAX_MS: '200',
      EVENTS_RELAY_POLL_MS: '50',
      EVENTS_RELAY_BACKOFF_MAX_MS: '1000',
      EVENTS_RELAY_BATCH_SIZE: '20',
      EVENTS_KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
    // The factory form, as a service using the platform Database wires it ({ inject: [Database], useFactory: db => db.writer }).
    const dataSourceOption = { inject: [DataSource], useFactory: (ds: DataSource) => ds };
    app = await startEventsTestApp({
      config,
      dataSource,
      topic,
      group: `platform-test-${suffix}`,
      observed,
      dataSourceOption,
    });
  });

  afterAll(async () => {
    await app?.close();
    await dropServiceDb?.();
    await deleteTopics([topic, `${topic}.dlq`]).catch(() => undefined);
  });

  defineTransportScenarios(() => ({ app, dataSource, topic, observed, maxAttempts }));

  it('loses nothing and keeps per-key order across a broker stop and start', async () => {
    const writer = app.get(OutboxWriter);
    const relay = app.get(OutboxRelay);
    const contract = platformTestV1.withTopic(topic);
    const keys = ['k-restart-a', 'k-restart-b', 'k-restart-c'];
    const perKey = 8;
    const sent: EventEnvelope[] = [];
    const appendRound = async (seq: number) => {
      for (const key of keys) {
        sent.push(
          await dataSource.transaction((em) => writer.append(em, contract, { key, payload: { seq } })),
        );
      }
    };

    await appendRound(0);
    await harness('stop', 'kafka');
    try {
      for (let seq = 1; seq < perKey; seq++) await appendRound(seq);
      // The relay must actually have hit the dead broker, or this test would prove nothing.
      await waitFor(
        'the relay to fail against the stopped broker',
        () => relay.status().consecutiveFailures > 0,
        30_000,
      );
    } finally {
      await harness('start', 'kafka');
    }

    const sentIds = new Set(sent.map((e) => e.eventId));
    await waitFor(
      `all ${sent.length} events to take effect`,
      () => observed.applied.filter((e) => sentIds.has(e.eventId)).length === sent.length,
      40_000,
      async () => ({
        relay: relay.status(),
        unpublished: (
          await dataSource.query('SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL')
        )[0].n,
        applied: observed.applied.filter((e) => sentIds.has(e.eventId)).length,
      }),
    );
    for (const key of keys) {
      const applied = observed.applied
        .filter((e) => e.key === key && sentIds.has(e.eventId))
        .map((e) => e.payload.seq);
      expect(applied).toEqual([...Array(perKey).keys()]);
    }
    const [row] = await dataSource.query('SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL');
    expect(Number(row.n)).toBe(0);
    const effects = await dataSource.query(
      `SELECT event_id, COUNT(*) AS n FROM test_effect WHERE event_key IN (?) GROUP BY event_id HAVING n > 1`,
      [keys],
    );
    expect(effects).toEqual([]);
  });
});
