import { Database } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import { OrderLifecycleService } from '../order-lifecycle/order-lifecycle.service';

/** What the provider reported about one payment of one order. */
export interface PaymentReport {
  paymentId: string;
  orderId: string;
  amountFen: number;
  status: 'succeeded' | 'failed';
}

/** What a report did: the order paid now, paid before by this payment, nothing (failed), or no such order. */
export type PaymentOutcome = 'paid' | 'already-paid' | 'ignored' | 'unknown-order';

/** Applies the payment provider's verified reports to orders. */
@Injectable()
export class PaymentCallbackService {
  constructor(
    private readonly db: Database,
    private readonly lifecycle: OrderLifecycleService,
  ) {}

  /**
   * A failed payment changes nothing (the order stays unpaid until it expires). A succeeded one pays the
   * order once; the transaction may be retried after a failover because markPaid recognises its own commit.
   */
  apply(report: PaymentReport): Promise<PaymentOutcome> {
    if (report.status === 'failed') return Promise.resolve('ignored');
    return this.db.transaction(
      async (em): Promise<PaymentOutcome> => {
        const order = await this.lifecycle.lock(em, report.orderId);
        if (!order) return 'unknown-order';
        return this.lifecycle.markPaid(em, order, report, {
          name: `payment:${report.paymentId}`,
          callId: null,
        });
      },
      { retry: 'idempotent' },
    );
  }
}
