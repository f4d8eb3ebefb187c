import type { EventEnvelope } from '@harvest/contracts';
import { isDuplicateKeyError } from '@harvest/platform/database';
import type { EntityManager } from 'typeorm';

export type InboxOutcome<T> = { applied: true; result: T } | { applied: false };

/** Runs work in one transaction: a TypeORM DataSource, or the service's Database wrapper with its failover retry. */
export interface TransactionRunner {
  transaction<T>(work: (entityManager: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * Makes a consumer idempotent: the effect and the inbox row commit in one transaction, so an event that is
 * delivered again (relay retry, consumer rebalance, crash before the offset commit) takes effect once.
 */
export class InboxService {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * @param consumer a stable name per handler (e.g. "search.index-product"): two handlers of one event each take effect once
   * @param effect runs only the first time; do all its writes through the given EntityManager
   */
  async handleOnce<T>(
    consumer: string,
    envelope: Pick<EventEnvelope, 'eventId' | 'topic'>,
    effect: (entityManager: EntityManager) => Promise<T>,
  ): Promise<InboxOutcome<T>> {
    return this.transactions.transaction(async (entityManager) => {
      try {
        // Inserting first takes the row lock, so a concurrent duplicate waits here and then sees the key.
        await entityManager.query('INSERT INTO inbox_event (consumer, event_id, topic) VALUES (?, ?, ?)', [
          consumer,
          envelope.eventId,
          envelope.topic,
        ]);
      } catch (error) {
        if (isDuplicateKeyError(error)) return { applied: false };
        throw error;
      }
      return { applied: true, result: await effect(entityManager) };
    });
  }
}
