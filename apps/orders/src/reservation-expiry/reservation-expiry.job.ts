import { Database } from '@harvest/platform/database';
import { PeriodicJobProvider, sweepInBatches } from '@harvest/platform/scheduling';
import type { EntityManager } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders.config';
import { SYSTEM } from '../orders/actor';
import { Order } from '../orders/entities/order.entity';
import { OrderLifecycleService } from '../order-lifecycle/order-lifecycle.service';

const BATCH = 20;

/**
 * Cancels orders whose payment is overdue, releasing their stock and slot capacity. Every instance runs it;
 * SELECT ... FOR UPDATE SKIP LOCKED hands each overdue order to exactly one of them (and skips an order a
 * payment callback holds at that moment), so no leader election is needed.
 */
@Injectable()
export class ReservationExpiryJob extends PeriodicJobProvider<number> {
  constructor(
    private readonly db: Database,
    private readonly lifecycle: OrderLifecycleService,
    @Inject(ORDERS_CONFIG) config: OrdersConfig,
  ) {
    super({ name: 'ReservationExpiry', everyMs: config.ORDERS_EXPIRY_SWEEP_MS });
  }

  protected run(signal: AbortSignal): Promise<number> {
    return this.sweepAll(new Date(), signal);
  }

  /** Expires every overdue order now; returns how many. One sweep at a time per process. */
  sweep(now: Date = new Date()): Promise<number> {
    return this.job.runNow((signal) => this.sweepAll(now, signal));
  }

  private sweepAll(now: Date, signal: AbortSignal): Promise<number> {
    return sweepInBatches((limit) => this.db.transaction((em) => this.expireBatch(em, now, limit)), {
      batchSize: BATCH,
      signal,
      onBatch: (expired, total) =>
        this.logger.log(`expired ${expired} unpaid order(s), ${total} in this sweep`),
    });
  }

  private async expireBatch(em: EntityManager, now: Date, limit: number): Promise<number> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM customer_order WHERE status = 'pending_payment' AND payment_due_at <= ?
       ORDER BY payment_due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
      [now],
    );
    for (const { id } of rows) {
      const order = (await em.getRepository(Order).findOneBy({ id }))!;
      await this.lifecycle.cancel(em, order, 'payment_expired', SYSTEM, null);
    }
    return rows.length;
  }
}
