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
   * goes out only after N was acknowledged, so no key is reordered), and a row is marked only after its ack.
   * What overlaps is the database work: rows are read two batches at a time, the next two while the last one
   * read is in flight, and acknowledged rows are marked in the background (PublishedMarker) while the next
   * batches are in flight. A read leaves out the rows in flight or waiting to be sent and the acknowledged rows
   * whose mark has not committed yet. On any
   * failure nothing more is sent, and the call returns only once the marks under way have ended; rows sent but
   * not marked are sent again on the next attempt (at-least-once; consumers dedupe by eventId).
   *
   * A send counts row by row, from the acks the publisher returns, never from its promise alone: a partial
   * answer marks only the acknowledged rows (acknowledgedPrefix: none after an unacknowledged row of its key),
   * then fails like a refused send, so the read-ahead batch is not sent and the rest goes again first, in order.
   */
  async publishPending(): Promise<number> {
    const { batchSize } = this.options;
    const readSize = batchSize * READ_AHEAD_BATCHES;
    const marker = new PublishedMarker(this.store);
    try {
      let queue = await this.store.nextBatch(readSize);
      // A short read means the outbox is drained: what was read is sent, nothing more is read.
      let drained = queue.length < readSize;
      while (queue.length > 0) {
        const batch = queue.slice(0, batchSize);
        queue = queue.slice(batchSize);
        const ids = batch.map((row) => row.id);
        const events = batch.map((row) => row.event);
        const readNow = !drained && queue.length < batchSize && !this.stopping;
        const [sent, ahead] = await Promise.allSettled([
          this.publisher.publish(events),
          readNow
            ? this.store.nextBatch(readSize, [...ids, ...queue.map((row) => row.id), ...marker.unmarked()])
            : Promise.resolve(undefined),
        ]);
        // The transport's error first: it is the one the relay's backoff and logs are about.
        if (sent.status === 'rejected') throw sent.reason;
        if (ahead.status === 'rejected') throw ahead.reason;
        const stored = acknowledgedPrefix(events, sent.value);
        const ackedIds = ids.filter((_, i) => stored[i]);
        marker.add(ackedIds);
        if (ackedIds.length < batch.length) {
          await marker.settled();
          throw new UnacknowledgedEventsError(batch.length - ackedIds.length, batch.length);
        }
        // A failed mark stops the sends; a mark falling behind bounds what a crash would send again.
        marker.throwIfFailed();
        if (marker.backlog() > MAX_UNMARKED_BATCHES * batchSize) await marker.settled();
        // Stopping: the batch in flight was acknowledged and is being marked; the rows read ahead wait.
        if (this.stopping) break;
        if (ahead.value) {
          queue = [...queue, ...ahead.value];
          drained = ahead.value.length < readSize;
        }
      }
      await marker.settled();
    } catch (error) {
      await marker.idle();
      throw error;
    }
    return marker.marked;
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

/**
 * Rows read at a time, in batches: one SELECT for every second send. On a busy database a read's round trip
 * often outlasts a send (issue 17's relay bench: SELECT p50 37-58 ms, Kafka send 13-27 ms).
 */
const READ_AHEAD_BATCHES = 2;

/**
 * Acknowledged rows beyond this many batches wait for their marks before the next send: what a crash of the
 * relay would send again is at most this much more than with one batch at a time.
 */
const MAX_UNMARKED_BATCHES = 4;

/**
 * Marks acknowledged rows published in the background, one UPDATE at a time: rows acknowledged while an UPDATE
 * runs go into the next one together. On a busy database a mark's commit takes longer than a Kafka send (the
 * relay bench's profile of issue 17: UPDATE p50 34 ms, send 24 ms), so marking every batch on its own before the
 * next send held the relay to the database's commit rate; coalesced, several batches share one commit.
 * After a failed UPDATE it marks nothing more and reports the failure.
 */
class PublishedMarker {
  marked = 0;
  private queued: string[] = [];
  private marking: string[] = [];
  private running = false;
  private drain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(private readonly store: OutboxStore) {}

  /** Acknowledged rows whose mark has not committed yet: the read-ahead leaves them out. */
  unmarked(): string[] {
    return [...this.marking, ...this.queued];
  }

  backlog(): number {
    return this.marking.length + this.queued.length;
  }

  add(ids: string[]): void {
    if (ids.length === 0 || this.failure) return;
    this.queued.push(...ids);
    if (this.running) return;
    this.running = true;
    this.drain = this.markQueued();
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Resolves once every row handed over is marked; rejects with the failed UPDATE's error. */
  async settled(): Promise<void> {
    await this.drain;
    this.throwIfFailed();
  }

  /** Resolves once no UPDATE is under way, failed or not. */
  async idle(): Promise<void> {
    await this.drain;
  }

  private async markQueued(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        this.marking = this.queued;
        this.queued = [];
        await this.store.markPublished(this.marking);
        outboxPublished.inc(this.marking.length);
        this.marked += this.marking.length;
        this.marking = [];
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.running = false;
    }
  }
}
