import type { OrderRefundedV1 } from '@harvest/contracts/order-refunded';
import { Database } from '@harvest/platform/database';
import { PaymentProviderRefusedError, type RefundResult } from '@harvest/platform/payments';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders.config';
import {
  lateRefundNoOf,
  nextRefundAttemptAt,
  outRefundNoOf,
  UNSETTLED_REFUND_STATUSES,
  withinCaptured,
  type ProviderRefundStatus,
} from './domain/refund-rules';
import { Payment } from './entities/payment.entity';
import { ProviderRefundEvent } from './entities/provider-refund-event.entity';
import { ProviderRefund } from './entities/provider-refund.entity';

export const REFUND_ACTOR = 'system:refund-execution';

/** A refund claimed for sending, with what the provider call needs. */
export interface DueRefund {
  refund: ProviderRefund;
  payment: Payment;
}

/**
 * Turns recorded refunds into provider refunds: queued in the transaction that learns of them (order.refunded
 * through the inbox, or money that arrived late), then sent by RefundExecutionJob, and their outcome kept.
 * A refund never exceeds what its payment captured: checked under the payment's row lock.
 */
@Injectable()
export class ProviderRefundsService {
  private readonly logger = new Logger('ProviderRefunds');

  constructor(
    private readonly db: Database,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  /** Queues order.refunded's refund at the provider that took the order's payment (none: the legacy callback). */
  async enqueueOrderRefund(
    em: EntityManager,
    event: OrderRefundedV1,
  ): Promise<'queued' | 'refused' | 'known' | 'not-a-provider-payment'> {
    const payment = await em.getRepository(Payment).findOne({
      where: { outTradeNo: event.paymentId, status: 'paid' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!payment) {
      this.logger.warn(
        `refund ${event.refundId} of order ${event.orderId}: payment ${event.paymentId} was not through a provider; nothing to send`,
      );
      return 'not-a-provider-payment';
    }
    if (await em.getRepository(ProviderRefund).existsBy({ id: event.refundId })) return 'known';
    return this.insert(em, payment, {
      id: event.refundId,
      outRefundNo: outRefundNoOf(event.refundId),
      amountFen: event.amountFen,
      reason: event.reason,
      requestedBy: event.actor,
    });
  }

  /** Queues the return of money that arrived for an order no longer awaiting it (once per payment). */
  async enqueueLateRefund(
    em: EntityManager,
    payment: Payment,
    amountFen: number,
    actor: string,
  ): Promise<void> {
    const outRefundNo = lateRefundNoOf(payment.outTradeNo);
    if (await em.getRepository(ProviderRefund).existsBy({ outRefundNo })) return;
    await this.insert(em, payment, {
      id: randomUUID(),
      outRefundNo,
      amountFen,
      reason: 'late_payment',
      requestedBy: actor,
    });
  }

  private async insert(
    em: EntityManager,
    payment: Payment,
    refund: { id: string; outRefundNo: string; amountFen: number; reason: string; requestedBy: string },
  ): Promise<'queued' | 'refused'> {
    const [{ refunded }] = (await em.query(
      "SELECT COALESCE(SUM(amount_fen), 0) AS refunded FROM provider_refund WHERE payment_id = ? AND status NOT IN ('failed', 'refused')",
      [payment.id],
    )) as Array<{ refunded: string | number }>;
    const captured = payment.paidFen ?? payment.amountFen;
    const allowed = withinCaptured(captured, Number(refunded), refund.amountFen);
    const now = new Date();
    const status: ProviderRefundStatus = allowed ? 'pending' : 'refused';
    await em.getRepository(ProviderRefund).insert({
      ...refund,
      paymentId: payment.id,
      orderId: payment.orderId,
      status,
      attempts: 0,
      nextAttemptAt: now,
      providerRefundNo: null,
      lastError: allowed ? null : `would exceed the ${captured} fen captured (${refunded} already refunded)`,
      createdAt: now,
      updatedAt: now,
    });
    await this.audit(
      em,
      refund.id,
      null,
      status,
      refund.requestedBy,
      null,
      `${refund.amountFen} fen, ${refund.reason}`,
    );
    return allowed ? 'queued' : 'refused';
  }

  /**
   * Claims up to `limit` refunds due by `now` for this instance (SKIP LOCKED) and moves their next attempt on,
   * so a crash mid-send leaves them due again later, never lost, and another instance never sends them at once.
   */
  claimDue(now: Date, limit: number): Promise<DueRefund[]> {
    const firstAfterMs = this.config.REFUND_RETRY_AFTER_SECONDS * 1000;
    return this.db.transaction(async (em) => {
      const rows: Array<{ id: string }> = await em.query(
        `SELECT id FROM provider_refund WHERE status IN ('pending', 'processing') AND next_attempt_at <= ?
         ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
        [now],
      );
      const due: DueRefund[] = [];
      for (const { id } of rows) {
        const refund = (await em.getRepository(ProviderRefund).findOneBy({ id }))!;
        const attempts = refund.attempts + 1;
        await em
          .getRepository(ProviderRefund)
          .update({ id }, { attempts, nextAttemptAt: nextRefundAttemptAt(now, attempts, firstAfterMs) });
        const payment = (await em.getRepository(Payment).findOneBy({ id: refund.paymentId }))!;
        due.push({ refund: { ...refund, attempts }, payment });
      }
      return due;
    });
  }

  /** Keeps what the provider answered: a state change with its audit row, or the reason it must be tried again. */
  record(
    refundId: string,
    outcome: { result: RefundResult } | { error: unknown },
  ): Promise<ProviderRefundStatus> {
    return this.db.transaction(async (em) => {
      const refund = (await em
        .getRepository(ProviderRefund)
        .findOne({ where: { id: refundId }, lock: { mode: 'pessimistic_write' } }))!;
      if (!UNSETTLED_REFUND_STATUSES.includes(refund.status)) return refund.status;
      if ('error' in outcome) {
        const { error } = outcome;
        if (error instanceof PaymentProviderRefusedError) {
          await this.change(em, refund, 'refused', null, error.providerCode);
          return 'refused';
        }
        const message = error instanceof Error ? error.message : String(error);
        await em.getRepository(ProviderRefund).update({ id: refundId }, { lastError: message.slice(0, 512) });
        return refund.status;
      }
      const { result } = outcome;
      const to: ProviderRefundStatus = result.state;
      if (to === refund.status) return to;
      await this.change(em, refund, to, result.providerRefundNo, result.providerCode ?? null);
      return to;
    });
  }

  private async change(
    em: EntityManager,
    refund: ProviderRefund,
    to: ProviderRefundStatus,
    providerRefundNo: string | null,
    providerCode: string | null,
  ): Promise<void> {
    await em.getRepository(ProviderRefund).update(
      { id: refund.id },
      {
        status: to,
        ...(providerRefundNo ? { providerRefundNo } : {}),
        lastError: providerCode ? `the provider answered ${providerCode}` : null,
      },
    );
    await this.audit(em, refund.id, refund.status, to, REFUND_ACTOR, providerRefundNo, providerCode);
  }

  private async audit(
    em: EntityManager,
    refundId: string,
    from: ProviderRefundStatus | null,
    to: ProviderRefundStatus,
    actor: string,
    providerReference: string | null,
    detail: string | null,
  ): Promise<void> {
    await em.getRepository(ProviderRefundEvent).insert({
      refundId,
      fromStatus: from,
      toStatus: to,
      actor,
      providerReference,
      detail: detail?.slice(0, 512) ?? null,
      at: new Date(),
    });
  }
}
