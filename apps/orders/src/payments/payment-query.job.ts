import { Database } from '@harvest/platform/database';
import { PeriodicJobProvider } from '@harvest/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders.config';
import { Order } from '../orders/entities/order.entity';
import { nextQueryAt } from './domain/payment-rules';
import { Payment } from './entities/payment.entity';
import { PAYMENT_PROVIDERS, type PaymentProviders } from './payment-providers';
import { ProviderPaymentsService, type ReportOutcome } from './provider-payments.service';

const BATCH = 20;
export const QUERY_ACTOR = 'system:payment-query';

/**
 * The active query: a notification can be lost, so every unsettled payment (creating, open) is asked about
 * at the provider once it is due, backing off while it stays unpaid. A success pays the order exactly as a
 * notification would; a trade whose order no longer awaits payment (expired, cancelled) is closed at the
 * provider so it cannot be paid any more. Every instance runs it: a short transaction claims due payments
 * with SKIP LOCKED and moves their next query on, so each is asked by one instance, and the provider calls
 * happen outside any transaction.
 */
@Injectable()
export class PaymentQueryJob extends PeriodicJobProvider<number> {
  constructor(
    private readonly db: Database,
    private readonly payments: ProviderPaymentsService,
    @Inject(PAYMENT_PROVIDERS) private readonly providers: PaymentProviders,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {
    super({ name: 'PaymentQuery', everyMs: config.PAYMENT_QUERY_SWEEP_MS });
  }

  protected run(signal: AbortSignal): Promise<number> {
    return this.queryDue(new Date(), signal);
  }

  /** Queries every payment due by `now`; returns how many were asked. One run at a time per process. */
  sweep(now: Date = new Date()): Promise<number> {
    return this.job.runNow((signal) => this.queryDue(now, signal));
  }

  private async queryDue(now: Date, signal: AbortSignal): Promise<number> {
    let asked = 0;
    for (;;) {
      const claimed = await this.claim(now);
      for (const payment of claimed) {
        if (signal.aborted) return asked;
        await this.queryOne(payment).catch((error: unknown) =>
          this.logger.warn(
            `query of payment ${payment.id} failed, retried later: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
        asked++;
      }
      if (claimed.length < BATCH || signal.aborted) return asked;
    }
  }

  private claim(now: Date): Promise<Payment[]> {
    const firstAfterMs = this.config.PAYMENT_QUERY_AFTER_SECONDS * 1000;
    return this.db.transaction(async (em) => {
      const rows: Array<{ id: string }> = await em.query(
        `SELECT id FROM payment WHERE status IN ('creating', 'open') AND next_query_at <= ?
         ORDER BY next_query_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [now],
      );
      const claimed: Payment[] = [];
      for (const { id } of rows) {
        const payment = (await em.getRepository(Payment).findOneBy({ id }))!;
        await em.getRepository(Payment).update(
          { id },
          {
            queryAttempts: payment.queryAttempts + 1,
            nextQueryAt: nextQueryAt(now, payment.queryAttempts + 1, firstAfterMs),
          },
        );
        claimed.push(payment);
      }
      return claimed;
    });
  }

  private async queryOne(payment: Payment): Promise<ReportOutcome | 'closed-by-us' | 'no-provider'> {
    const provider = this.providers.get(payment.channel);
    if (!provider) return 'no-provider';
    const status = await provider.queryPayment(payment.outTradeNo);
    const outcome = await this.payments.applyReport(payment.channel, status, QUERY_ACTOR);
    if (outcome !== 'unchanged' || status.state === 'succeeded') return outcome;
    const order = await this.db.transaction((em) =>
      em.getRepository(Order).findOneBy({ id: payment.orderId }),
    );
    if (order?.status === 'pending_payment') return outcome;
    // The order no longer awaits this money: make sure the trade cannot be paid any more.
    await provider.closePayment(payment.outTradeNo);
    await this.payments.markClosed(payment.id, QUERY_ACTOR, `order ${order?.status ?? 'gone'}; trade closed`);
    return 'closed-by-us';
  }
}
