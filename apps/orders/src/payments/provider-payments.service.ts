import { Database } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import type { PaymentChannel, ProviderPaymentStatus } from '@harvest/platform/payments';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders.config';
import { OrderLifecycleService } from '../order-lifecycle/order-lifecycle.service';
import type { Actor } from '../orders/actor';
import { Order } from '../orders/entities/order.entity';
import { PaymentChannelUnavailableError } from './domain/payment.errors';
import {
  assertPayable,
  decideReport,
  nextQueryAt,
  outTradeNoOf,
  UNSETTLED_PAYMENT_STATUSES,
  type PaymentStatus,
} from './domain/payment-rules';
import { PaymentEvent } from './entities/payment-event.entity';
import { Payment } from './entities/payment.entity';
import { PAYMENT_PROVIDERS, type PaymentProviders } from './payment-providers';
import { ProviderRefundsService } from './provider-refunds.service';

/** A verified report from a provider: a notification (with its id) or the answer to our query. */
export interface VerifiedReport extends ProviderPaymentStatus {
  notificationId?: string;
}

/** What a report did: the order paid, nothing new (replay, pending), or a state recorded without paying. */
export type ReportOutcome = 'paid' | 'unchanged' | 'late' | 'mismatch' | 'closed' | 'unknown-payment';

/**
 * Payments through a provider: opening one for an order (the provider call outside any transaction), and
 * applying what the provider reports, by notification or by our query, to the payment and the order.
 */
@Injectable()
export class ProviderPaymentsService {
  constructor(
    private readonly db: Database,
    private readonly lifecycle: OrderLifecycleService,
    @Inject(PAYMENT_PROVIDERS) private readonly providers: PaymentProviders,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    private readonly refunds: ProviderRefundsService,
  ) {}

  /**
   * The payment of `orderId` through `channel`, opened at the provider if it is not yet. One per order and
   * channel: a retry (or a second device) gets the same trade and code, and the provider, asked again with
   * the same trade number and amount, answers with the same code.
   */
  async open(
    orderId: string,
    channel: PaymentChannel,
    actor: Actor,
    ownerId: string | null,
  ): Promise<{ payment: Payment; created: boolean }> {
    const provider = this.providers.get(channel);
    if (!provider) throw new PaymentChannelUnavailableError(channel, [...this.providers.keys()]);
    const { payment, created, description } = await this.db.transaction(
      async (em) => {
        const order = await this.lifecycle.lock(em, orderId);
        if (!order || (ownerId !== null && order.customerId !== ownerId))
          throw new NotFoundError(`order ${orderId}`);
        const existing = await em.getRepository(Payment).findOneBy({ orderId, channel });
        if (existing?.codeUrl) return { payment: existing, created: false, description: '' };
        assertPayable(order, new Date());
        const payment = existing ?? (await this.insert(em, order, channel, actor));
        return { payment, created: !existing, description: `丰收生鲜订单 ${order.id.slice(0, 8)}` };
      },
      { retry: 'idempotent' },
    );
    if (payment.codeUrl) return { payment, created };
    const prepared = await provider.createPayment({
      outTradeNo: payment.outTradeNo,
      amountFen: payment.amountFen,
      description,
      expiresAt: payment.expiresAt,
    });
    await this.db.transaction(
      async (em) => {
        const locked = await em
          .getRepository(Payment)
          .findOne({ where: { id: payment.id }, lock: { mode: 'pessimistic_write' } });
        if (locked?.status !== 'creating') return;
        await this.changeStatus(em, locked, 'open', actor.name, { detail: 'code issued by the provider' });
        await em.getRepository(Payment).update({ id: payment.id }, { codeUrl: prepared.codeUrl });
      },
      { retry: 'idempotent' },
    );
    const latest = (await this.db.transaction((em) =>
      em.getRepository(Payment).findOneBy({ id: payment.id }),
    ))!;
    return { payment: latest, created };
  }

  private async insert(
    em: EntityManager,
    order: Order,
    channel: PaymentChannel,
    actor: Actor,
  ): Promise<Payment> {
    const now = new Date();
    const id = randomUUID();
    const payment: Payment = {
      id,
      orderId: order.id,
      channel,
      outTradeNo: outTradeNoOf(id),
      amountFen: order.totalFen,
      status: 'creating',
      codeUrl: null,
      providerTradeNo: null,
      paidFen: null,
      paidAt: null,
      expiresAt: order.paymentDueAt,
      queryAttempts: 0,
      nextQueryAt: nextQueryAt(now, 0, this.config.PAYMENT_QUERY_AFTER_SECONDS * 1000),
      createdBy: actor.name,
      createdAt: now,
      updatedAt: now,
    };
    await em.getRepository(Payment).insert(payment);
    await this.audit(em, payment.id, null, 'creating', actor.name, { detail: `${order.totalFen} fen asked` });
    return payment;
  }

  /**
   * Applies a verified report. Locks the order, then the payment (the order first, as every order change
   * does), so a report and the expiry job never both act; a notification id already recorded for this
   * payment means a replay or a resend, and nothing is written.
   */
  applyReport(channel: PaymentChannel, report: VerifiedReport, actor: string): Promise<ReportOutcome> {
    return this.db.transaction(
      async (em): Promise<ReportOutcome> => {
        const found = await em.getRepository(Payment).findOneBy({ outTradeNo: report.outTradeNo, channel });
        if (!found) return 'unknown-payment';
        const order = (await this.lifecycle.lock(em, found.orderId))!;
        const payment = (await em
          .getRepository(Payment)
          .findOne({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } }))!;
        if (
          report.notificationId &&
          (await em
            .getRepository(PaymentEvent)
            .existsBy({ paymentId: payment.id, notificationId: report.notificationId }))
        )
          return 'unchanged';
        const decision = decideReport({
          paymentStatus: payment.status,
          paymentAmountFen: payment.amountFen,
          orderStatus: order.status,
          reportState: report.state,
          reportAmountFen: report.amountFen,
        });
        const reference = {
          providerReference: report.providerTradeNo,
          notificationId: report.notificationId ?? null,
        };
        if (decision.kind === 'ignore') return 'unchanged';
        if (decision.kind === 'close') {
          await this.changeStatus(em, payment, 'closed', actor, {
            ...reference,
            detail: 'closed at the provider',
          });
          return 'closed';
        }
        await em.getRepository(Payment).update(
          { id: payment.id },
          {
            providerTradeNo: report.providerTradeNo,
            paidFen: report.amountFen,
            paidAt: report.paidAt ?? new Date(),
          },
        );
        if (decision.kind === 'mismatch') {
          await this.changeStatus(em, payment, 'mismatch', actor, {
            ...reference,
            detail: `the provider reported ${report.amountFen ?? 'no'} fen, ${payment.amountFen} were asked`,
          });
          if (report.amountFen)
            await this.refunds.enqueueLateRefund(
              em,
              { ...payment, paidFen: report.amountFen },
              report.amountFen,
              actor,
            );
          return 'mismatch';
        }
        if (decision.kind === 'late') {
          await this.changeStatus(em, payment, 'late', actor, {
            ...reference,
            detail: `paid while the order was ${order.status}; the money goes back`,
          });
          await this.refunds.enqueueLateRefund(
            em,
            { ...payment, paidFen: report.amountFen },
            payment.amountFen,
            actor,
          );
          return 'late';
        }
        await this.changeStatus(em, payment, 'paid', actor, {
          ...reference,
          detail: `${report.amountFen} fen paid`,
        });
        await this.lifecycle.markPaid(
          em,
          order,
          { paymentId: payment.outTradeNo, amountFen: payment.amountFen },
          { name: `payment:${channel}:${report.providerTradeNo ?? payment.outTradeNo}`, callId: null },
        );
        return 'paid';
      },
      { retry: 'idempotent' },
    );
  }

  /** Records that the provider trade of a payment was closed by us (its order no longer awaits it). */
  markClosed(paymentId: string, actor: string, detail: string): Promise<void> {
    return this.db.transaction(async (em) => {
      const payment = await em
        .getRepository(Payment)
        .findOne({ where: { id: paymentId }, lock: { mode: 'pessimistic_write' } });
      if (payment && UNSETTLED_PAYMENT_STATUSES.includes(payment.status))
        await this.changeStatus(em, payment, 'closed', actor, { detail });
    });
  }

  private async changeStatus(
    em: EntityManager,
    payment: Payment,
    to: PaymentStatus,
    actor: string,
    extra: { providerReference?: string | null; notificationId?: string | null; detail?: string },
  ): Promise<void> {
    await em.getRepository(Payment).update({ id: payment.id }, { status: to });
    await this.audit(em, payment.id, payment.status, to, actor, extra);
    payment.status = to;
  }

  private async audit(
    em: EntityManager,
    paymentId: string,
    from: PaymentStatus | null,
    to: PaymentStatus,
    actor: string,
    extra: { providerReference?: string | null; notificationId?: string | null; detail?: string },
  ): Promise<void> {
    await em.getRepository(PaymentEvent).insert({
      paymentId,
      fromStatus: from,
      toStatus: to,
      actor,
      providerReference: extra.providerReference ?? null,
      notificationId: extra.notificationId ?? null,
      detail: extra.detail?.slice(0, 512) ?? null,
      at: new Date(),
    });
  }
}
