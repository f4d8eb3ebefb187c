import type { DataSource } from 'typeorm';
import type { OutgoingEvent } from '../outgoing-event';
import { EVENT_ROW_SELECT, type EventRow, rowToOutgoingEvent } from './outbox-row';

export interface PendingEvent {
  id: string;
  event: OutgoingEvent;
}

/** The relay's view of outbox_event. An interface so the relay's ordering rules can be tested on their own. */
export interface OutboxStore {
  /**
   * The oldest unpublished rows, in id order, leaving out `exclude`: rows the relay has in flight or is still
   * marking, so it can read the next batch while the current one is being sent.
   */
  nextBatch(limit: number, exclude?: ReadonlyArray<string>): Promise<PendingEvent[]>;
  markPublished(ids: string[]): Promise<void>;
  countUnpublished(): Promise<number>;
}

export class SqlOutboxStore implements OutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  async nextBatch(limit: number, exclude: ReadonlyArray<string> = []): Promise<PendingEvent[]> {
    const notIn = exclude.length === 0 ? '' : ` AND id NOT IN (${idList(exclude)})`;
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_ROW_SELECT} FROM outbox_event WHERE published_at IS NULL${notIn} ORDER BY id LIMIT ${Math.trunc(limit)}`,
    );
    return rows.map((row) => ({ id: String(row.id), event: rowToOutgoingEvent(row) }));
  }

  async markPublished(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox_event SET published_at = UTC_TIMESTAMP(3) WHERE id IN (${idList(ids)})`,
    );
  }

  async countUnpublished(): Promise<number> {
    const [row] = await this.dataSource.query(
      'SELECT COUNT(*) AS n FROM outbox_event WHERE published_at IS NULL',
    );
    return Number((row as { n: number | string }).n);
  }
}

/**
 * Row ids written into the statement instead of as ? parameters: the relay's statements carry up to two
 * batches of ids, and mysql2's client-side escaping of each one showed in its profile. Only what the table
 * assigns (unsigned integers, read back as digits) is accepted, so nothing else can reach the SQL text.
 */
function idList(ids: ReadonlyArray<string>): string {
  for (const id of ids)
    if (!/^\d{1,20}$/.test(id)) throw new Error(`not an outbox row id: ${JSON.stringify(id)}`);
  return ids.join(', ');
}
