import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { backoffDelayMs, InterruptibleSleep } from '../backoff';
import { describeError } from '../dispatch/dead-letter';
import type { EventPublisher } from '../event-transport';
import { outboxPublished, outboxRelayFailures } from '../events.metrics';
import { acknowledgedPrefix, UnacknowledgedEventsError } from '../publish-acks';
import type { OutboxStore } from './outbox-store';

/** Who may publish right now; MysqlAdvisoryLease in production. */
export interface RelayLease {
  holds(): Promise<boolean>;
  release(): Promise<void>;
}

export interface OutboxRelayOptions {
  pollMs: number;
  batchSize: number;
  backoffMaxMs: number;
}

export interface OutboxRelayStatus {
  running: boolean;
  leader: boolean;
  consecutiveFailures: number;
  lastError?: string;
}

/**
 * Publishes outbox rows oldest first and marks published only the rows the transport acknowledged one by one.
 * A failed batch is retried from its first row (with capped exponential backoff), so a later event of a key
 * never overtakes an earlier one; the price is that a retried batch may be delivered twice (consumers dedupe).
 * Only the holder of the lease publishes, so several instances of a service do not interleave.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly sleeper = new InterruptibleSleep();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private leader = false;
  private failures = 0;
  private lastError: string | undefined;

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: EventPublisher,
    private readonly lease: RelayLease,
    private readonly options: OutboxRelayOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Lets the batch in flight finish (so it is marked), then gives up the lease for another instance. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.interrupt();
    await this.loop;
    this.loop = undefined;
    this.leader = false;
    await this.lease.release();
  }

  status(): OutboxRelayStatus {
    return {
      running: this.loop !== undefined,
      leader: this.leader,
      consecutiveFailures: this.failures,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /**
   * Publishes batches until the outbox is drained; throws on the first batch the transport refuses.
   *
   * Pipelined, with the same guarantees as one batch at a time: sends stay strictly one after another (batch N+1
   * goes out only after N was acknowledged, so no key is reordered), and a batch is marked only after its ack.
   * What overlaps is the database work: the next batch is read while the current one is in flight, and the
   * acknowledged batch is marked while the next one is in flight. The read leaves out the rows in flight and the
   * rows whose mark may not have committed yet. On any failure nothing more is sent; rows sent but not yet
   * marked are sent again on the next attempt (at-least-once; consumers dedupe by eventId).
   *
   * A send counts row by row, from the acks the publisher returns, never from its promise alone: a partial
   * answer marks only the acknowledged rows (acknowledgedPrefix: none after an unacknowledged row of its key),
   * then fails like a refused send, so the read-ahead batch is not sent and the rest goes again first, in order.
   */
  async publishPending(): Promise<number> {
    const { batchSize } = this.options;
    let published = 0;
    let marking: Promise<void> = Promise.resolve();
    let markingIds: string[] = [];
    let batch = await this.store.nextBatch(batchSize);
    while (batch.length > 0) {
      const ids = batch.map((row) => row.id);
      const events = batch.map((row) => row.event);
      // A short batch means the outbox is drained: no read-ahead, as the serial relay stopped there too.
      const more = batch.length === batchSize && !this.stopping;
      const [sent, marked, ahead] = await Promise.allSettled([
        this.publisher.publish(events),
        marking,
        more ? this.store.nextBatch(batchSize, [...ids, ...markingIds]) : Promise.resolve([]),
      ]);
      // The transport's error first: it is the one the relay's backoff and logs are about.
      if (sent.status === 'rejected') throw sent.reason;
      for (const outcome of [marked, ahead]) if (outcome.status === 'rejected') throw outcome.reason;
      const stored = acknowledgedPrefix(events, sent.value);
      const ackedIds = ids.filter((_, i) => stored[i]);
      const count = ackedIds.length;
      marking = this.store.markPublished(ackedIds).then(() => {
        outboxPublished.inc(count);
        published += count;
      });
      markingIds = ackedIds;
      if (count < batch.length) {
        await marking;
        throw new UnacknowledgedEventsError(batch.length - count, batch.length);
      }
      // Stopping: the batch in flight was acknowledged and is being marked; the one read ahead waits.
      if (this.stopping || ahead.status !== 'fulfilled') break;
      batch = ahead.value;
    }
    await marking;
    return published;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let delay = this.options.pollMs;
      try {
        this.leader = await this.lease.holds();
        if (this.leader) await this.publishPending();
        if (this.failures > 0) this.logger.log(`publishing again after ${this.failures} failed attempt(s)`);
        this.failures = 0;
        this.lastError = undefined;
      } catch (error) {
        outboxRelayFailures.inc();
        this.failures++;
        this.lastError = describeError(error);
        delay = backoffDelayMs(
          this.failures,
          this.options.pollMs,
          Math.max(this.options.backoffMaxMs, this.options.pollMs),
        );
        this.logger.warn(
          `outbox batch failed (attempt ${this.failures}), retrying in ${delay} ms: ${this.lastError}`,
        );
      }
      if (!this.stopping) await this.sleeper.sleep(delay);
    }
  }
}
