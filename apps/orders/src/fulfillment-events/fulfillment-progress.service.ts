import type { FulfillmentPackedV1 } from '@harvest/contracts/fulfillment-packed';
import type { FulfillmentPickedV1 } from '@harvest/contracts/fulfillment-picked';
import type { FulfillmentShortPickedV1 } from '@harvest/contracts/fulfillment-short-picked';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InventoryService } from '../inventory/inventory.service';
import type { Actor } from '../orders/actor';
import { ORDER_STATUSES, type OrderStatus } from '../orders/domain/order-state-machine';
import { shortPickRefunds, weightSettlementRefunds } from '../orders/domain/settlement';
import { OrderLine } from '../orders/entities/order-line.entity';
import type { Order } from '../orders/entities/order.entity';
import { OrderLifecycleService } from '../orders/order-lifecycle.service';

/** An event that arrived before the order reached the state it follows (topics are not ordered with each other). */
export class NotYetApplicableError extends Error {}

const rank = (status: OrderStatus) => ORDER_STATUSES.indexOf(status);

/** Advances orders from fulfillment's events; each method runs inside the inbox transaction of one event. */
@Injectable()
export class FulfillmentProgressService {
  private readonly logger = new Logger('FulfillmentProgress');

  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly inventory: InventoryService,
  ) {}

  /**
   * The locked order if the event moves it from `from` now. An order already past that step (a duplicate) or
   * cancelled, or unknown here, is skipped with a warning; one not there yet is retried (and dead-lettered if
   * it never gets there).
   */
  private async orderAt(
    em: EntityManager,
    orderId: string,
    from: OrderStatus,
    what: string,
  ): Promise<Order | null> {
    const order = await this.lifecycle.lock(em, orderId);
    if (!order) {
      this.logger.warn(`${what} for unknown order ${orderId}: skipped`);
      return null;
    }
    if (order.status === from) return order;
    if (order.status === 'cancelled' || rank(order.status) > rank(from)) {
      this.logger.warn(`${what} for order ${orderId} in status ${order.status}: skipped`);
      return null;
    }
    throw new NotYetApplicableError(
      `${what} for order ${orderId} in status ${order.status}, expected ${from}: retry later`,
    );
  }

  async picked(em: EntityManager, event: FulfillmentPickedV1, actor: Actor): Promise<void> {
    const order = await this.orderAt(em, event.orderId, 'allocated', 'fulfillment.picked');
    if (!order) return;
    const lines = await this.lifecycle.lines(em, order.id);
    await this.inventory.consume(
      em,
      order.fulfillmentCenterId,
      lines.map((l) => ({ skuId: l.skuId, quantity: l.reservedQuantity })),
    );
    for (const line of lines)
      await em
        .getRepository(OrderLine)
        .update({ orderId: order.id, lineNo: line.lineNo }, { pickedQuantity: line.reservedQuantity });
    await this.lifecycle.move(em, order, 'picking', actor, 'picked in full');
  }

  /** Picked with shortfalls: what is missing is refunded at once, in the same transaction. */
  async shortPicked(
    em: EntityManager,
    event: FulfillmentShortPickedV1,
    eventId: string,
    actor: Actor,
  ): Promise<void> {
    const order = await this.orderAt(em, event.orderId, 'allocated', 'fulfillment.short-picked');
    if (!order) return;
    const lines = await this.lifecycle.lines(em, order.id);
    const reported = new Map(event.lines.map((l) => [l.skuId, l]));
    const picked = new Map<string, number>();
    for (const line of lines) {
      const report = reported.get(line.skuId);
      const quantity = Math.min(report?.pickedQuantity ?? line.reservedQuantity, line.reservedQuantity);
      picked.set(line.skuId, quantity);
      await em
        .getRepository(OrderLine)
        .update(
          { orderId: order.id, lineNo: line.lineNo },
          { pickedQuantity: quantity, shortPickReason: report?.reason ?? null },
        );
    }
    await this.inventory.consume(
      em,
      order.fulfillmentCenterId,
      lines.map((l) => ({ skuId: l.skuId, quantity: l.reservedQuantity })),
    );
    const shortLines = event.lines
      .filter((l) => l.reason !== null)
      .map((l) => `${l.skuId} ${l.pickedQuantity}/${l.orderedQuantity} (${l.reason})`);
    await this.lifecycle.move(em, order, 'picking', actor, `short pick: ${shortLines.join(', ')}`);
    const refunds = shortPickRefunds(lines, picked);
    const amountFen = refunds.reduce((sum, r) => sum + r.amountFen, 0);
    if (amountFen > 0) {
      await this.lifecycle.refund(
        em,
        order,
        {
          sourceKey: `short-pick:${eventId}`,
          amountFen,
          reason: 'short_pick',
          lines: refunds,
          note: shortLines.join(', '),
        },
        actor,
      );
    }
  }

  /** Packed: weighed lines settle from their real weight; a lighter line's difference is refunded. */
  async packed(em: EntityManager, event: FulfillmentPackedV1, eventId: string, actor: Actor): Promise<void> {
    const order = await this.orderAt(em, event.orderId, 'picking', 'fulfillment.packed');
    if (!order) return;
    const lines = await this.lifecycle.lines(em, order.id);
    const actual = new Map(event.weighedLines.map((l) => [l.skuId, l.actualWeightGrams]));
    for (const line of lines) {
      const grams = actual.get(line.skuId);
      if (line.soldBy === 'weight' && grams !== undefined) {
        await em
          .getRepository(OrderLine)
          .update({ orderId: order.id, lineNo: line.lineNo }, { actualWeightGrams: grams });
      }
    }
    await this.lifecycle.move(em, order, 'packed', actor, `packed in ${event.parcels.length} parcel(s)`);
    const refunds = weightSettlementRefunds(
      lines.map((l) => ({ ...l, billableGrams: l.pickedQuantity ?? l.reservedQuantity })),
      actual,
    );
    const amountFen = refunds.reduce((sum, r) => sum + r.amountFen, 0);
    if (amountFen > 0) {
      await this.lifecycle.refund(
        em,
        order,
        {
          sourceKey: `weight-settlement:${eventId}`,
          amountFen,
          reason: 'weight_settlement',
          lines: refunds,
          note: null,
        },
        actor,
      );
    }
  }

  async advance(
    em: EntityManager,
    orderId: string,
    from: OrderStatus,
    to: OrderStatus,
    actor: Actor,
    reason: string,
  ): Promise<void> {
    const order = await this.orderAt(em, orderId, from, `fulfillment ${to}`);
    if (order) await this.lifecycle.move(em, order, to, actor, reason);
  }
}
