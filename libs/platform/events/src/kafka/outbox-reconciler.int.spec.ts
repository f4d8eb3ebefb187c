import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '../outbox/outbox-writer.service';
import { outgoingEvent } from '../outgoing-event';
import { platformTestV1 } from '../testing/platform-test-event';
import { createServiceDatabase, uniqueSuffix } from '../testing/events-test-database';
import {
  createTopics,
  deleteTopics,
  KAFKA_BROKER,
  requireKafka,
  testKafka,
} from '../testing/kafka-test-support';
import { KafkaEventPublisher } from './kafka-event-publisher.adapter';
import { readTopicEvents } from './kafka-topic-reader';
import { reconcileOutbox, type ReconcileRequest } from './outbox-reconciler';

const REPO_ROOT = resolve(__dirname, '../../../../..');

/** A published outbox row the topic does not hold (what issue 15's relay left behind) is found and re-published. */
describe('outbox reconciliation against Kafka (events:reconcile)', () => {
  const topic = `platform-test.reconcile.${uniqueSuffix()}`;
  const contract = platformTestV1.withTopic(topic);
  const kafka = testKafka('reconcile-test');
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let schema: string;
  let planted: { id: string; eventId: string };
  let range: { from: Date; to: Date };

  beforeAll(async () => {
    await requireKafka();
    ({ dataSource, drop } = await createServiceDatabase('harvest_t_reconcile'));
    schema = String(dataSource.options.database);
    await createTopics([topic], 3);
    const started = new Date(Date.now() - 1000);
    const writer = new OutboxWriter();
    const envelopes = await dataSource.transaction(async (em) => {
      const written = [];
      for (let seq = 0; seq < 6; seq++)
        written.push(await writer.append(em, contract, { key: `k${seq % 3}`, payload: { seq } }));
      return written;
    });
    // Every row marked published, but the fourth never sent: the planted loss.
    const publisher = new KafkaEventPublisher(kafka);
    await publisher.publish(envelopes.filter((_, i) => i !== 3).map(outgoingEvent));
    await publisher.close();
    await dataSource.query('UPDATE outbox_event SET published_at = UTC_TIMESTAMP(3)');
    const [row] = await dataSource.query('SELECT id FROM outbox_event WHERE event_id = ?', [
      envelopes[3]!.eventId,
    ]);
    planted = { id: String(row.id), eventId: envelopes[3]!.eventId };
    range = { from: started, to: new Date(Date.now() + 60_000) };
  });

  afterAll(async () => {
    await drop?.();
    await deleteTopics([topic]);
  });

  const reconcile = (request: Partial<ReconcileRequest>) =>
    reconcileOutbox((sql, params) => dataSource.query(sql, params), kafka, {
      schema,
      ...range,
      republish: false,
      ...request,
    });

  it('reports the published row the topic lacks, and changes nothing without --republish', async () => {
    const report = await reconcile({});
    expect(report.topics).toEqual([{ topic, published: 6, missing: [planted], republished: 0 }]);
    expect(report.unpublished).toBe(0);
    expect((await readTopicEvents(kafka, topic)).map((e) => e.eventId)).not.toContain(planted.eventId);
  });

  it('reports nothing for a range with no missing event', async () => {
    const before = await reconcile({ from: new Date(range.from.getTime() - 3_600_000), to: range.from });
    expect(before.topics).toEqual([]);
  });

  it('re-publishes the missing event from the command line, after which the range is clean', async () => {
    const cli = await promisify(execFile)(
      'node',
      [
        '-r',
        '@swc-node/register',
        'libs/platform/events/src/kafka/outbox-reconcile.cli.ts',
        '--schema',
        schema,
        '--from',
        range.from.toISOString(),
        '--to',
        range.to.toISOString(),
        '--republish',
      ],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DB_HOSTS: '127.0.0.1:3306',
          DB_USER: 'root',
          DB_PASSWORD: '',
          KAFKA_BROKERS: KAFKA_BROKER,
        },
      },
    );
    expect(cli.stdout).toContain(
      `${topic}: 6 published rows, 1 missing from the topic, 1 re-published (outbox ids ${planted.id})`,
    );
    const stored = (await readTopicEvents(kafka, topic)).filter((e) => e.eventId === planted.eventId);
    expect(stored).toHaveLength(1);
    expect((await reconcile({})).topics).toEqual([{ topic, published: 6, missing: [], republished: 0 }]);
  });

  it('refuses bad arguments with a line naming the argument (exit 64)', async () => {
    const run = promisify(execFile)(
      'node',
      [
        '-r',
        '@swc-node/register',
        'libs/platform/events/src/kafka/outbox-reconcile.cli.ts',
        '--schema',
        schema,
        '--from',
        'yesterday',
        '--to',
        range.to.toISOString(),
      ],
      { cwd: REPO_ROOT },
    );
    await expect(run).rejects.toMatchObject({
      code: 64,
      stderr: expect.stringContaining('--from is not an ISO-8601 instant'),
    });
  });
});
