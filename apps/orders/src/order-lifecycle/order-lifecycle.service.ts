import { orderCancelledV1, type OrderCancelledV1 } from '@harvest/contracts/order-cancelled';
import { orderPaidV1 } from '@harvest/contracts/order-paid';
import { orderRefundedV1, type OrderRefundedV1 } from '@harvest/contracts/order-refunded';
import { insertRows, isDuplicateKeyError } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DeliverySlotsService } from '../delivery-slots/delivery-slots.service';
import { InventoryService } from '../inventory/inventory.service';
import type { Actor } from '../orders/actor';
import {
  AmountMismatchError,
  NotAwaitingPaymentError,
  NotPaidError,
  PaymentAlreadyUsedError,
  RefundExceedsPaymentError,
  RefundInFlightError,
} from '../orders/domain/order.errors';
import { assertCancellable, transition, type OrderStatus } from '../orders/domain/order-state-machine';
import type { LineRefund } from '../orders/domain/settlement';
import { OrderLine } from '../orders/entities/order-line.entity';
import { OrderRefund } from '../orders/entities/order-refund.entity';
import { OrderTransition } from '../orders/entities/order-transition.entity';
import { Order } from '../orders/entities/order.entity';

export interface RefundRequest {
  /** Unique per order: an agent's Idempotency-Key, or "<reason>:<eventId>" for the system's own refunds. */
  sourceKey: string;
  amountFen: number;
  reason: OrderRefundedV1['reason'];
  lines: LineRefund[];
  note: string | null;
}

/**
 * Every change of an order's state goes through here, inside the caller's transaction: the state machine
 * decides, the transition is recorded with its actor and reason, and the event goes to the outbox.
 */
@Injectable()
export class OrderLifecycleService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly inventory: InventoryService,
    private readonly slots: DeliverySlotsService,
  ) {}

  /** The order row locked for this transaction, or null. */
  lock(em: EntityManager, orderId: string): Promise<Order | null> {
    return em.getRepository(Order).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
  }

  lines(em: EntityManager, orderId: string): Promise<OrderLine[]> {
    return em.getRepository(OrderLine).find({ where: { orderId }, order: { lineNo: 'ASC' } });
  }

  async record(
    em: EntityManager,
    orderId: string,
    from: OrderStatus | null,
    to: OrderStatus,
    actor: Actor,
    reason: string,
  ): Promise<OrderTransition> {
    const transition: Omit<OrderTransition, 'id'> = {
      orderId,
      fromStatus: from,
      toStatus: to,
      actor: actor.name,
      reason,
      callId: actor.callId,
      at: new Date(),
    };
    const { insertId } = await insertRows(em, OrderTransition, [transition as OrderTransition]);
    return { id: String(insertId), ...transition };
  }

  /** Moves the order one step (409 when the state machine refuses) and records who and why. */
  async move(em: EntityManager, order: Order, to: OrderStatus, actor: Actor, reason: string): Promise<void> {
    const from = order.status;
    transition(from, to); // IllegalTransitionError is a DomainError: 409 illegal-transition
    await em.getRepository(Order).update({ id: order.id }, { status: to });
    order.status = to;
    await this.record(em, order.id, from, to, actor, reason);
  }

  /** Payment confirmed: pending_payment → paid → allocated (the reservation becomes the center's allocation). */
  async markPaid(
    em: EntityManager,
    order: Order,
    payment: { paymentId: string; amountFen: number },
    actor: Actor,
  ): Promise<'paid' | 'already-paid'> {
    if (order.paymentId === payment.paymentId) return 'already-paid';
    if (order.status !== 'pending_payment') {
      throw new NotAwaitingPaymentError(order.id, order.status);
    }
    if (await em.getRepository(Order).existsBy({ paymentId: payment.paymentId })) {
      throw new PaymentAlreadyUsedError(payment.paymentId);
    }
    if (payment.amountFen !== order.totalFen) {
      throw new AmountMismatchError(payment.amountFen, order.totalFen);
    }
    await em
      .getRepository(Order)
      .update({ id: order.id }, { paymentId: payment.paymentId, paidFen: payment.amountFen });
    Object.assign(order, { paymentId: payment.paymentId, paidFen: payment.amountFen });
    await this.move(em, order, 'paid', actor, `payment ${payment.paymentId} confirmed`);
    await this.move(
      em,
      order,
      'allocated',
      { name: 'system', callId: null },
      `stock reserved at ${order.fulfillmentCenterId} allocated`,
    );
    await this.outbox.append(em, orderPaidV1, {
      key: order.id,
      payload: {
        orderId: order.id,
        customerId: order.customerId,
        fulfillmentCenterId: order.fulfillmentCenterId,
        paymentId: payment.paymentId,
        amountFen: payment.amountFen,
        paidAt: new Date().toISOString(),
      },
    });
    return 'paid';
  }

  /** Cancels before picking: stock and slot capacity go back, and a paid order is refunded in full. */
  async cancel(
    em: EntityManager,
    order: Order,
    reason: OrderCancelledV1['reason'],
    actor: Actor,
    note: string | null,
  ): Promise<void> {
    const previous = order.status;
    assertCancellable(previous); // IllegalTransitionError, a DomainError: 409 illegal-transition
    const lines = await this.lines(em, order.id);
    await this.inventory.release(
      em,
      order.fulfillmentCenterId,
      lines.map((l) => ({ skuId: l.skuId, quantity: l.reservedQuantity })),
    );
    await this.slots.release(em, order.slotId);
    await this.move(em, order, 'cancelled', actor, note ? `${reason}: ${note}` : reason);
    await this.outbox.append(em, orderCancelledV1, {
      key: order.id,
      payload: {
        orderId: order.id,
        customerId: order.customerId,
        fulfillmentCenterId: order.fulfillmentCenterId,
        previousStatus: previous,
        reason,
        note,
        actor: actor.name,
        cancelledAt: new Date().toISOString(),
      },
    });
    const outstanding = order.paidFen - order.refundedFen;
    if (outstanding > 0) {
      await this.refund(
        em,
        order,
        { sourceKey: 'cancellation', amountFen: outstanding, reason: 'cancellation', lines: [], note },
        actor,
      );
    }
  }

  /**
   * Returns money on a paid order, at most what is still unrefunded (409 otherwise). The same source key
   * twice gives the first refund back without paying again.
   */
  async refund(em: EntityManager, order: Order, request: RefundRequest, actor: Actor): Promise<OrderRefund> {
    const existing = await em
      .getRepository(OrderRefund)
      .findOneBy({ orderId: order.id, sourceKey: request.sourceKey });
    if (existing) return existing;
    if (!order.paymentId) throw new NotPaidError(order.id);
    const refundable = order.paidFen - order.refundedFen;
    if (request.amountFen > refundable) {
      throw new RefundExceedsPaymentError(order.id, refundable);
    }
    const refund: OrderRefund = {
      id: randomUUID(),
      orderId: order.id,
      sourceKey: request.sourceKey,
      amountFen: request.amountFen,
      reason: request.reason,
      note: request.note,
      lines: request.lines,
      actor: actor.name,
      callId: actor.callId,
      createdAt: new Date(),
    };
    try {
      await em.getRepository(OrderRefund).insert(refund);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new RefundInFlightError();
      throw error;
    }
    order.refundedFen += request.amountFen;
    await em.getRepository(Order).update({ id: order.id }, { refundedFen: order.refundedFen });
    await this.outbox.append(em, orderRefundedV1, {
      key: order.id,
      payload: {
        orderId: order.id,
        customerId: order.customerId,
        refundId: refund.id,
        paymentId: order.paymentId,
        amountFen: refund.amountFen,
        reason: request.reason,
        full: order.refundedFen === order.paidFen,
        refundedTotalFen: order.refundedFen,
        lines: request.lines,
        actor: actor.name,
        refundedAt: refund.createdAt.toISOString(),
      },
    });
    return refund;
  }
}
