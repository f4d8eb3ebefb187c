/**
 * A consumer of order.placed standing in for a downstream service: it applies each event through the
 * platform's InboxService (effect and inbox row in one transaction), and its effect counts applications per
 * event, so an effect applied twice shows up as applied > 1. Redeliveries the inbox absorbed are counted too.
 */
import { DataSource } from 'typeorm';
import { InboxEvent1763900000001, InboxService } from '@harvest/platform/events';
import { createKafkaClient } from '../../libs/platform/events/src/kafka/kafka-client.factory';
import { KafkaGroupConsumer } from '../../libs/platform/events/src/kafka/kafka-group-consumer';
import { KAFKA_BROKERS, SCHEMA_PREFIX } from './chaos-settings';
import type { TruthDb } from './truth-db';

const SCHEMA = `${SCHEMA_PREFIX}ledger`;
const CONSUMER = 'chaos.order-placed-ledger';

export class EventLedger {
  redeliveries = 0;
  private consumer: KafkaGroupConsumer | null = null;
  private dataSource: DataSource | null = null;

  constructor(private readonly db: TruthDb) {}

  async start(): Promise<void> {
    const [host, port] = await this.db.writerAddress();
    const admin = new DataSource({ type: 'mysql', host, port, username: 'root', password: '' });
    await admin.initialize();
    await admin.query(`CREATE DATABASE IF NOT EXISTS ${SCHEMA}`);
    await admin.destroy();
    this.dataSource = new DataSource({
      type: 'mysql',
      host,
      port,
      username: 'root',
      password: '',
      database: SCHEMA,
    });
    await this.dataSource.initialize();
    await new InboxEvent1763900000001().up(this.dataSource.createQueryRunner());
    await this.dataSource.query(
      'CREATE TABLE IF NOT EXISTS effect (event_id CHAR(36) PRIMARY KEY, applied INT NOT NULL)',
    );
    const inbox = new InboxService(this.dataSource);
    const kafka = createKafkaClient({
      KAFKA_BROKERS: KAFKA_BROKERS.map((b) => ({ host: b.split(':')[0]!, port: Number(b.split(':')[1]) })),
      KAFKA_CLIENT_ID: 'chaos-ledger',
    });
    // The services' own group consumer (offset committed once handled, rejoin after a failure), from the oldest event.
    this.consumer = new KafkaGroupConsumer(
      kafka,
      { groupId: 'chaos-ledger', topics: ['order.placed'], sessionTimeoutMs: 10_000 },
      async (message) => {
        const eventId =
          message.headers.get('event-id') ?? (JSON.parse(message.value!) as { eventId: string }).eventId;
        const outcome = await inbox.handleOnce(CONSUMER, { eventId, topic: 'order.placed' }, (em) =>
          em.query(
            'INSERT INTO effect (event_id, applied) VALUES (?, 1) ON DUPLICATE KEY UPDATE applied = applied + 1',
            [eventId],
          ),
        );
        if (!outcome.applied) this.redeliveries++;
      },
    );
    await this.consumer.start();
  }

  /** Event ids applied, with how many times each effect ran. */
  async applied(eventIds: string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (let i = 0; i < eventIds.length; i += 500) {
      const chunk = eventIds.slice(i, i + 500);
      const rows: { event_id: string; applied: number }[] = await this.dataSource!.query(
        `SELECT event_id, applied FROM effect WHERE event_id IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      );
      for (const row of rows) result.set(row.event_id, Number(row.applied));
    }
    return result;
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    await this.dataSource?.destroy();
  }
}
