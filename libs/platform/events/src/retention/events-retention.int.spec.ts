import { loadConfig } from '@harvest/platform/config';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { eventsConfigShape } from '../events.config';
import { EventsModule } from '../events.module';
import { createServiceDatabase } from '../testing/events-test-database';
import { deleteOldInboxSql, deleteOldOutboxSql, EventsRetentionJob } from './events-retention.job';

/** Ages relative to the server clock each column is written with (see the job). */
const published = (hoursAgo: number | null) =>
  hoursAgo === null ? 'NULL' : `UTC_TIMESTAMP(3) - INTERVAL ${hoursAgo} HOUR`;
const processed = (daysAgo: number) => `CURRENT_TIMESTAMP(3) - INTERVAL ${daysAgo} DAY`;

describe('events retention on MariaDB', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const logged: string[] = [];
  const logger = { log: (m: string) => void logged.push(m), warn: (m: string) => void logged.push(m) };
  const job = (env: Record<string, string> = {}) =>
    new EventsRetentionJob(
      dataSource,
      loadConfig(eventsConfigShape, { EVENTS_RETENTION_SWEEP_MS: '0', ...env }),
      logger as never,
    );

  beforeAll(async () => {
    ({ dataSource, drop } = await createServiceDatabase('harvest_t_events_retention'));
  });
  afterAll(async () => drop?.());
  beforeEach(async () => {
    logged.length = 0;
    await dataSource.query('DELETE FROM outbox_event');
    await dataSource.query('DELETE FROM inbox_event');
  });

  const addOutbox = async (key: string, publishedHoursAgo: number | null, createdHoursAgo = 1000) =>
    dataSource.query(
      `INSERT INTO outbox_event (event_id, topic, event_key, type, version, payload, headers, occurred_at, created_at, published_at)
       VALUES (?, 't', ?, 'x', 1, '{}', '{}', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) - INTERVAL ${createdHoursAgo} HOUR, ${published(publishedHoursAgo)})`,
      [randomUUID(), key],
    );
  const addInbox = async (consumer: string, daysAgo: number) =>
    dataSource.query(
      `INSERT INTO inbox_event (consumer, event_id, topic, processed_at) VALUES (?, ?, 't', ${processed(daysAgo)})`,
      [consumer, randomUUID()],
    );
  const outboxKeys = async () =>
    (await dataSource.query('SELECT event_key FROM outbox_event ORDER BY id')).map(
      (r: { event_key: string }) => r.event_key,
    );
  const inboxConsumers = async () =>
    (await dataSource.query('SELECT consumer FROM inbox_event ORDER BY consumer')).map(
      (r: { consumer: string }) => r.consumer,
    );

  it('deletes exactly the old published outbox rows and old inbox rows; a second run deletes nothing', async () => {
    await addOutbox('old-published', 73);
    await addOutbox('old-unpublished', null, 5000);
    await addOutbox('recent-published', 71);
    await addOutbox('fresh-unpublished', null, 0);
    await addInbox('old-inbox', 15);
    await addInbox('recent-inbox', 13);

    const retention = job();
    expect(await retention.sweep()).toEqual({ outboxDeleted: 1, inboxDeleted: 1 });
    expect(await outboxKeys()).toEqual(['old-unpublished', 'recent-published', 'fresh-unpublished']);
    expect(await inboxConsumers()).toEqual(['recent-inbox']);
    expect(logged).toEqual([
      expect.stringMatching(/deleted 1 outbox row.*72 h/),
      expect.stringMatching(/deleted 1 inbox row.*14 days/),
    ]);

    logged.length = 0;
    expect(await retention.sweep()).toEqual({ outboxDeleted: 0, inboxDeleted: 0 });
    expect(logged).toEqual([]);
  });

  it('is registered by EventsModule, so every service runs it on its own schema', async () => {
    await addOutbox('old-published', 100);
    const config = loadConfig(eventsConfigShape, { EVENTS_RETENTION_SWEEP_MS: '0' });
    const module = await Test.createTestingModule({
      imports: [EventsModule.forRoot({ config, dataSource: { inject: [], useFactory: () => dataSource } })],
    }).compile();
    try {
      expect(await module.get(EventsRetentionJob).sweep()).toEqual({ outboxDeleted: 1, inboxDeleted: 0 });
    } finally {
      await module.close();
    }
    expect(await outboxKeys()).toEqual([]);
  });

  it('follows the configured retention', async () => {
    await addOutbox('published-3h', 3);
    await addOutbox('published-1h', 0.5);
    await addInbox('inbox-9d', 9);
    await addInbox('inbox-7d', 7);
    expect(
      await job({ EVENTS_OUTBOX_RETENTION_HOURS: '2', EVENTS_INBOX_RETENTION_DAYS: '8' }).sweep(),
    ).toEqual({
      outboxDeleted: 1,
      inboxDeleted: 1,
    });
    expect(await outboxKeys()).toEqual(['published-1h']);
    expect(await inboxConsumers()).toEqual(['inbox-7d']);
  });

  it('deletes a backlog larger than one batch in one run, one statement per batch, logging each', async () => {
    for (let i = 0; i < 7; i++) await addOutbox(`old-${i}`, 100 + i);
    await addOutbox('keep', null, 5000);
    for (let i = 0; i < 6; i++) await addInbox(`old-${i}`, 20 + i);
    const statements: string[] = [];
    const query = dataSource.query.bind(dataSource);
    const spy = jest
      .spyOn(dataSource, 'query')
      .mockImplementation((sql: string, params?: Parameters<DataSource['query']>[1]) => {
        statements.push(sql);
        return query(sql, params);
      });
    try {
      expect(await job({ EVENTS_RETENTION_BATCH_SIZE: '3' }).sweep()).toEqual({
        outboxDeleted: 7,
        inboxDeleted: 6,
      });
    } finally {
      spy.mockRestore();
    }
    expect(await outboxKeys()).toEqual(['keep']);
    expect(await inboxConsumers()).toEqual([]);
    // outbox: 3 + 3 + 1 (short: done); inbox: 3 + 3 + 0 (the exact multiple needs one empty batch).
    expect(statements).toEqual([
      ...Array(3).fill(deleteOldOutboxSql(3)),
      ...Array(3).fill(deleteOldInboxSql(3)),
    ]);
    expect(logged.map((m) => m.match(/deleted (\d+) (\w+) row.*, (\d+) in this run/)?.slice(1))).toEqual([
      ['3', 'outbox', '3'],
      ['3', 'outbox', '6'],
      ['1', 'outbox', '7'],
      ['3', 'inbox', '3'],
      ['3', 'inbox', '6'],
    ]);
  });

  it('plans each DELETE on an index in steady state (a small old tail of a large table), never a full scan', async () => {
    // 2000 rows each, the oldest 1% past retention: what an hourly run finds.
    await dataSource.query(
      `INSERT INTO outbox_event (event_id, topic, event_key, type, version, payload, headers, occurred_at, published_at)
       SELECT UUID(), 't', CONCAT('k', seq), 'x', 1, '{}', '{}', UTC_TIMESTAMP(3),
              IF(seq % 7 = 0, NULL, UTC_TIMESTAMP(3) - INTERVAL (2000 - seq) * 0.05 HOUR) FROM seq_1_to_2000`,
    );
    await dataSource.query(
      `INSERT INTO inbox_event (consumer, event_id, topic, processed_at)
       SELECT 'c', UUID(), 't', CURRENT_TIMESTAMP(3) - INTERVAL (2000 - seq) * 0.0071 DAY FROM seq_1_to_2000`,
    );
    await dataSource.query('ANALYZE TABLE outbox_event, inbox_event');
    const plan = async (sql: string, age: number) => {
      const [row] = await dataSource.query(`EXPLAIN ${sql}`, [age]);
      return row as { type: string; key: string | null };
    };
    // Both use the tables' existing indexes: no retention migration is needed.
    expect(await plan(deleteOldOutboxSql(1000), 72)).toMatchObject({
      type: 'range',
      key: 'ix_outbox_event_unpublished',
    });
    expect(await plan(deleteOldInboxSql(1000), 14)).toMatchObject({
      type: 'range',
      key: 'ix_inbox_event_processed_at',
    });
  });
});
