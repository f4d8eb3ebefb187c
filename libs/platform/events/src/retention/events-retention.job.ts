import { PeriodicJobProvider, sweepInBatches } from '@harvest/platform/scheduling';
import type { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventsConfig } from '../events.config';

export interface EventsRetentionReport {
  outboxDeleted: number;
  inboxDeleted: number;
}

type RetentionConfig = Pick<
  EventsConfig,
  | 'EVENTS_OUTBOX_RETENTION_HOURS'
  | 'EVENTS_INBOX_RETENTION_DAYS'
  | 'EVENTS_RETENTION_SWEEP_MS'
  | 'EVENTS_RETENTION_BATCH_SIZE'
>;

/**
 * The cutoffs are computed by the server with the clock each column is written with: the relay stamps
 * published_at with UTC_TIMESTAMP(3), the inbox's processed_at takes its DEFAULT CURRENT_TIMESTAMP(3). A
 * published row's published_at is never NULL, so an unpublished row never matches, however old.
 * Both use existing indexes (the int spec checks the plans): the outbox's range goes by
 * ix_outbox_event_unpublished (published_at, id), the inbox's by ix_inbox_event_processed_at. The inbox has
 * no id column, so it orders by processed_at.
 */
export const deleteOldOutboxSql = (limit: number) =>
  `DELETE FROM outbox_event WHERE published_at < UTC_TIMESTAMP(3) - INTERVAL ? HOUR ORDER BY id LIMIT ${Math.trunc(limit)}`;
export const deleteOldInboxSql = (limit: number) =>
  `DELETE FROM inbox_event WHERE processed_at < CURRENT_TIMESTAMP(3) - INTERVAL ? DAY ORDER BY processed_at LIMIT ${Math.trunc(limit)}`;

/**
 * Deletes outbox rows published more than EVENTS_OUTBOX_RETENTION_HOURS ago and inbox rows recorded more than
 * EVENTS_INBOX_RETENTION_DAYS ago, in one service schema. Every instance runs it: each batch is one bounded
 * autocommit DELETE ... LIMIT, so instances share the backlog without a lease and a deleted row no longer
 * matches (a run is idempotent). The inbox must outlive every redelivery of the transport (Kafka keeps a
 * topic 7 days, infra/kafka log.retention.hours=168): an inbox row deleted earlier would let a redelivered
 * event take effect twice, hence the config's floor of 8 days.
 */
export class EventsRetentionJob
  extends PeriodicJobProvider<EventsRetentionReport>
  implements BeforeApplicationShutdown
{
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: RetentionConfig,
    logger?: Logger,
  ) {
    super({ name: 'EventsRetention', everyMs: config.EVENTS_RETENTION_SWEEP_MS, logger });
  }

  protected run(signal: AbortSignal): Promise<EventsRetentionReport> {
    return this.sweepAll(signal);
  }

  /** Runs retention now (or joins the run in progress in this process). */
  sweep(): Promise<EventsRetentionReport> {
    return this.job.runNow();
  }

  /** Stops before any onApplicationShutdown hook, so the database is never closed under a batch. */
  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  private async sweepAll(signal: AbortSignal): Promise<EventsRetentionReport> {
    const batchSize = this.config.EVENTS_RETENTION_BATCH_SIZE;
    const hours = this.config.EVENTS_OUTBOX_RETENTION_HOURS;
    const days = this.config.EVENTS_INBOX_RETENTION_DAYS;
    const outboxDeleted = await sweepInBatches((limit) => this.delete(deleteOldOutboxSql(limit), hours), {
      batchSize,
      signal,
      onBatch: (n, total) =>
        this.logger.log(`deleted ${n} outbox row(s) published over ${hours} h ago, ${total} in this run`),
    });
    const inboxDeleted = await sweepInBatches((limit) => this.delete(deleteOldInboxSql(limit), days), {
      batchSize,
      signal,
      onBatch: (n, total) =>
        this.logger.log(`deleted ${n} inbox row(s) recorded over ${days} days ago, ${total} in this run`),
    });
    return { outboxDeleted, inboxDeleted };
  }

  private async delete(sql: string, age: number): Promise<number> {
    const result: { affectedRows: number } = await this.dataSource.query(sql, [age]);
    return result.affectedRows;
  }
}
