import { Database } from '@harvest/platform/database';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders-config';
import { SYSTEM } from '../orders/actor';
import { Order } from '../orders/entities/order.entity';
import { OrderLifecycleService } from '../orders/order-lifecycle.service';

const BATCH = 20;

/**
 * Cancels orders whose payment is overdue, releasing their stock and slot capacity. Every instance runs it;
 * SELECT ... FOR UPDATE SKIP LOCKED hands each overdue order to exactly one of them (and skips an order a
 * payment callback holds at that moment), so no leader election is needed.
 */
@Injectable()
export class ReservationExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReservationExpiry');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly lifecycle: OrderLifecycleService,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.ORDERS_EXPIRY_SWEEP_MS;
    if (every === 0) return;
    this.timer = setInterval(
      () => void this.sweep().catch((e) => this.logger.error(`sweep failed: ${(e as Error).message}`)),
      every,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Expires every overdue order now; returns how many. One sweep at a time per process. */
  sweep(now: Date = new Date()): Promise<number> {
    this.running ??= this.sweepAll(now).finally(() => (this.running = null));
    return this.running;
  }

  private async sweepAll(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.db.transaction(async (em) => {
        const rows: Array<{ id: string }> = await em.query(
          `SELECT id FROM customer_order WHERE status = 'pending_payment' AND payment_due_at <= ?
           ORDER BY payment_due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [now],
        );
        for (const { id } of rows) {
          const order = (await em.getRepository(Order).findOneBy({ id }))!;
          await this.lifecycle.cancel(em, order, 'payment_expired', SYSTEM, null);
        }
        return rows.length;
      });
      total += expired;
      if (expired > 0) this.logger.log(`expired ${expired} unpaid order(s), ${total} in this sweep`);
      if (expired < BATCH) return total;
    }
  }
}
