import { PeriodicJobProvider } from '@harvest/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders.config';
import { PAYMENT_PROVIDERS, type PaymentProviders } from './payment-providers';
import { ProviderRefundsService } from './provider-refunds.service';

const BATCH = 20;

/**
 * Sends queued refunds to their provider, with their stable refund number, outside any transaction. A
 * failure (no answer, 5xx) leaves the refund due again after a backoff; the provider recognises the number,
 * so a refund whose answer was lost is not paid twice when it is sent again. Every instance runs it.
 */
@Injectable()
export class RefundExecutionJob extends PeriodicJobProvider<number> {
  constructor(
    private readonly refunds: ProviderRefundsService,
    @Inject(PAYMENT_PROVIDERS) private readonly providers: PaymentProviders,
    @Inject(ORDERS_CONFIG) config: OrdersConfig,
  ) {
    super({ name: 'RefundExecution', everyMs: config.REFUND_SWEEP_MS });
  }

  protected run(signal: AbortSignal): Promise<number> {
    return this.sendDue(new Date(), signal);
  }

  /** Sends every refund due by `now`; returns how many sends were made. One run at a time per process. */
  sweep(now: Date = new Date()): Promise<number> {
    return this.job.runNow((signal) => this.sendDue(now, signal));
  }

  private async sendDue(now: Date, signal: AbortSignal): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await this.refunds.claimDue(now, BATCH);
      for (const { refund, payment } of due) {
        if (signal.aborted) return sent;
        const provider = this.providers.get(payment.channel);
        if (!provider) {
          this.logger.warn(`refund ${refund.id}: ${payment.channel} is not configured; retried later`);
          continue;
        }
        const outcome = await provider
          .refund({
            outTradeNo: payment.outTradeNo,
            outRefundNo: refund.outRefundNo,
            refundFen: refund.amountFen,
            totalFen: payment.paidFen ?? payment.amountFen,
            reason: refund.reason,
          })
          .then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          );
        const status = await this.refunds.record(refund.id, outcome);
        if ('error' in outcome)
          this.logger.warn(
            `refund ${refund.id} attempt ${refund.attempts}: ${status === 'refused' ? 'refused' : 'to be retried'}`,
          );
        sent++;
      }
      if (due.length < BATCH || signal.aborted) return sent;
    }
  }
}
