import { Database } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Order } from '../orders/entities/order.entity';
import { PaymentEvent } from './entities/payment-event.entity';
import { Payment } from './entities/payment.entity';
import { ProviderRefundEvent } from './entities/provider-refund-event.entity';
import { ProviderRefund } from './entities/provider-refund.entity';

export interface OrderPayments {
  order: Pick<Order, 'id' | 'customerId'>;
  payments: Array<{ payment: Payment; events: PaymentEvent[] }>;
  refunds: Array<{ refund: ProviderRefund; events: ProviderRefundEvent[] }>;
}

/** An order's provider payments and refunds with their audit trails, read from a reader. */
@Injectable()
export class PaymentQueriesService {
  constructor(private readonly db: Database) {}

  ofOrder(orderId: string): Promise<OrderPayments | null> {
    return this.db.read(async (em) => {
      const order = await em
        .getRepository(Order)
        .findOne({ where: { id: orderId }, select: { id: true, customerId: true } });
      if (!order) return null;
      const payments = await em
        .getRepository(Payment)
        .find({ where: { orderId }, order: { createdAt: 'ASC' } });
      const refunds = await em
        .getRepository(ProviderRefund)
        .find({ where: { orderId }, order: { createdAt: 'ASC' } });
      const paymentEvents = payments.length
        ? await em
            .getRepository(PaymentEvent)
            .find({ where: { paymentId: In(payments.map((p) => p.id)) }, order: { id: 'ASC' } })
        : [];
      const refundEvents = refunds.length
        ? await em
            .getRepository(ProviderRefundEvent)
            .find({ where: { refundId: In(refunds.map((r) => r.id)) }, order: { id: 'ASC' } })
        : [];
      return {
        order,
        payments: payments.map((payment) => ({
          payment,
          events: paymentEvents.filter((e) => e.paymentId === payment.id),
        })),
        refunds: refunds.map((refund) => ({
          refund,
          events: refundEvents.filter((e) => e.refundId === refund.id),
        })),
      };
    });
  }
}
