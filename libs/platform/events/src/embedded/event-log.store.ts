import type { EventEnvelope } from '@harvest/contracts';
import { DataSource } from 'typeorm';
import type { MysqlDataSourceOptions } from 'typeorm/driver/mysql/MysqlDataSourceOptions';
import {
  EVENT_ROW_COLUMNS,
  EVENT_ROW_PLACEHOLDERS,
  EVENT_ROW_SELECT,
  type EventRow,
  eventToRowValues,
  rowToEnvelope,
} from '../outbox/outbox-row';
import type { EventAck } from '../event-transport';
import type { OutgoingEvent } from '../outgoing-event';
import { EventLogSchema1763900000100 } from './event-log-schema.migration';

export interface LoggedEvent {
  id: string;
  envelope: EventEnvelope;
}

/** Outcome of one consumer pass over a topic: how many rows it advanced past, or that another instance holds it. */
export type ConsumeResult = { claimed: false } | { claimed: true; consumed: number };

/**
 * The embedded event log in its own schema on the service's MySQL server, reached through its own small
 * DataSource (same server and credentials as the service, other database).
 */
export class EventLogStore {
  private dataSource: DataSource | undefined;
  private readonly knownOffsets = new Set<string>();

  constructor(
    private readonly serviceDataSource: DataSource,
    readonly databaseName: string,
  ) {}

  /** Creates the schema if missing and brings it up to date; safe to run from many services at once. */
  async open(): Promise<void> {
    if (this.dataSource?.isInitialized) return;
    await this.serviceDataSource.query(
      `CREATE DATABASE IF NOT EXISTS \`${this.databaseName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
    );
    const dataSource = new DataSource({
      ...(this.serviceDataSource.options as MysqlDataSourceOptions),
      database: this.databaseName,
      entities: [],
      subscribers: [],
      migrations: [EventLogSchema1763900000100],
      migrationsTableName: 'event_log_migrations',
      migrationsRun: false,
      synchronize: false,
      dropSchema: false,
      poolSize: 5,
    });
    await dataSource.initialize();
    const lock = dataSource.createQueryRunner();
    try {
      // Services starting together would otherwise both record the same migration.
      await lock.query('SELECT GET_LOCK(?, 30)', [`${this.databaseName}.migrate`]);
      await dataSource.runMigrations({ transaction: 'each' });
      await lock.query('DO RELEASE_LOCK(?)', [`${this.databaseName}.migrate`]);
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw error;
    } finally {
      await lock.release();
    }
    this.dataSource = dataSource;
  }

  async close(): Promise<void> {
    const dataSource = this.dataSource;
    this.dataSource = undefined;
    if (dataSource?.isInitialized) await dataSource.destroy();
  }

  async ping(): Promise<void> {
    await this.db().query('SELECT 1 FROM event_log_append_lock LIMIT 1');
  }

  /**
   * Appends in order, in one transaction serialised on the append lock, so ids become visible in id order.
   * Acks every event with its row id (partition 0: one log): the committed INSERT stored all of them, and its
   * ids are consecutive from insertId, as no other insert into event_log runs while the append lock is held.
   */
  async append(events: ReadonlyArray<OutgoingEvent>): Promise<EventAck[]> {
    if (events.length === 0) return [];
    const result: { insertId: number | string } = await this.db().transaction(async (em) => {
      await em.query('SELECT id FROM event_log_append_lock WHERE id = 1 FOR UPDATE');
      const placeholders = events.map(() => EVENT_ROW_PLACEHOLDERS).join(', ');
      return em.query(
        `INSERT INTO event_log (${EVENT_ROW_COLUMNS}) VALUES ${placeholders}`,
        events.flatMap(eventToRowValues),
      );
    });
    const first = BigInt(result.insertId);
    return events.map((event, i) => ({
      eventId: event.eventId,
      topic: event.topic,
      partition: 0,
      offset: String(first + BigInt(i)),
    }));
  }

  /**
   * Hands the group's next rows of a topic to `handle`, one at a time, advancing the group's offset after each.
   * The offset row is locked (SKIP LOCKED) for the pass, so one instance of a group reads a topic at a time
   * and the others skip it instead of waiting. If `handle` throws, progress so far is kept and the error
   * is rethrown; the failed row is offered again on the next pass.
   */
  async consume(
    group: string,
    topic: string,
    limit: number,
    handle: (event: LoggedEvent) => Promise<void>,
  ): Promise<ConsumeResult> {
    const db = this.db();
    const offsetKey = `${group}\u0000${topic}`;
    if (!this.knownOffsets.has(offsetKey)) {
      // A plain (non-locking) read first: INSERT IGNORE on a row another instance holds would wait for its lock.
      const existing = await db.query(
        'SELECT 1 FROM event_consumer_offset WHERE group_id = ? AND topic = ?',
        [group, topic],
      );
      if (existing.length === 0) {
        await db.query(
          'INSERT IGNORE INTO event_consumer_offset (group_id, topic, last_id) VALUES (?, ?, 0)',
          [group, topic],
        );
      }
      this.knownOffsets.add(offsetKey);
    }
    let failure: unknown;
    const result = await db.transaction(async (em): Promise<ConsumeResult> => {
      const [offset] = await em.query(
        'SELECT last_id FROM event_consumer_offset WHERE group_id = ? AND topic = ? FOR UPDATE SKIP LOCKED',
        [group, topic],
      );
      if (!offset) return { claimed: false };
      const rows: EventRow[] = await em.query(
        `SELECT ${EVENT_ROW_SELECT} FROM event_log WHERE topic = ? AND id > ? ORDER BY id LIMIT ?`,
        [topic, (offset as { last_id: string }).last_id, limit],
      );
      let consumed = 0;
      for (const row of rows) {
        try {
          await handle({ id: String(row.id), envelope: rowToEnvelope(row) });
        } catch (error) {
          failure = error;
          break;
        }
        await em.query('UPDATE event_consumer_offset SET last_id = ? WHERE group_id = ? AND topic = ?', [
          row.id,
          group,
          topic,
        ]);
        consumed++;
      }
      return { claimed: true, consumed };
    });
    if (failure !== undefined) throw failure;
    return result;
  }

  private db(): DataSource {
    if (!this.dataSource) throw new Error(`embedded event log ${this.databaseName} is not open`);
    return this.dataSource;
  }
}
