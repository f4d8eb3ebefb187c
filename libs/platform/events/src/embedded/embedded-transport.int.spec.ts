import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { eventsConfigShape } from '../events.config';
import { loadConfig } from '@harvest/platform/config';
import { Observed, startEventsTestApp } from '../testing/events-test-app';
import { createServiceDatabase, dropDatabase, uniqueSuffix } from '../testing/events-test-database';
import { defineTransportScenarios, installTracePropagation } from '../testing/transport-scenarios';

describe('embedded transport (MariaDB event log, through @nestjs/microservices)', () => {
  const suffix = uniqueSuffix();
  const eventsDb = `harvest_t_evlog_${suffix}`;
  const topic = `platform-test.${suffix}`;
  const observed = new Observed();
  const maxAttempts = 3;
  let app: INestApplication;
  let dataSource: DataSource;
  let dropServiceDb: () => Promise<void>;

  beforeAll(async () => {
    installTracePropagation();
    ({ dataSource, drop: dropServiceDb } = await createServiceDatabase());
    const config = loadConfig(eventsConfigShape, {
      EVENTS_TRANSPORT: 'embedded',
      EVENTS_DB_NAME: eventsDb,
      EVENTS_MAX_ATTEMPTS: String(maxAttempts),
      EVENTS_RETRY_BACKOFF_MS: '50',
      EVENTS_RETRY_BACKOFF_MAX_MS: '200',
      EVENTS_RELAY_POLL_MS: '50',
      EVENTS_EMBEDDED_POLL_MS: '50',
    });
    app = await startEventsTestApp({ config, dataSource, topic, group: 'platform-test', observed });
  });

  afterAll(async () => {
    await app?.close();
    await dropServiceDb?.();
    await dropDatabase(eventsDb);
  });

  defineTransportScenarios(() => ({ app, dataSource, topic, observed, maxAttempts }));

  it('keeps the log in its own schema, with the dead letter as a row of <topic>.dlq and the group offset past it', async () => {
    const rows = await dataSource.query(
      `SELECT topic, COUNT(*) AS n FROM \`${eventsDb}\`.event_log GROUP BY topic ORDER BY topic`,
    );
    expect(rows.map((r: { topic: string }) => r.topic)).toEqual([topic, `${topic}.dlq`]);
    const [offset] = await dataSource.query(
      `SELECT last_id FROM \`${eventsDb}\`.event_consumer_offset WHERE group_id = 'platform-test' AND topic = ?`,
      [topic],
    );
    const [max] = await dataSource.query(
      `SELECT MAX(id) AS id FROM \`${eventsDb}\`.event_log WHERE topic = ?`,
      [topic],
    );
    expect(String(offset.last_id)).toBe(String(max.id));
  });
});
