import type { EventEnvelope } from '@harvest/contracts';
import { fulfillmentDeliveredV1 } from '@harvest/contracts/fulfillment-delivered';
import { fulfillmentPackedV1, type FulfillmentPackedV1 } from '@harvest/contracts/fulfillment-packed';
import { fulfillmentPickedV1, type FulfillmentPickedV1 } from '@harvest/contracts/fulfillment-picked';
import { fulfillmentShippedV1 } from '@harvest/contracts/fulfillment-shipped';
import {
  fulfillmentShortPickedV1,
  type FulfillmentShortPickedV1,
} from '@harvest/contracts/fulfillment-short-picked';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InventoryService } from '../inventory/inventory.service';
import type { Actor } from '../orders/actor';
import { ORDER_STATUSES, type OrderStatus } from '../orders/domain/order-state-machine';
import { shortPickRefunds, weightSettlementRefunds } from '../orders/domain/settlement';
import { OrderLine } from '../orders/entities/order-line.entity';
import type { Order } from '../orders/entities/order.entity';
import { OrderLifecycleService } from '../order-lifecycle/order-lifecycle.service';

const rank = (status: OrderStatus) => ORDER_STATUSES.indexOf(status);

/** The status each fulfillment event moves an order on from. */
const FROM: Record<string, OrderStatus> = {
  [fulfillmentPickedV1.type]: 'allocated',
  [fulfillmentShortPickedV1.type]: 'allocated',
  [fulfillmentPackedV1.type]: 'picking',
  [fulfillmentShippedV1.type]: 'packed',
  [fulfillmentDeliveredV1.type]: 'shipped',
};

const by = (who: string): Actor => ({ name: `fulfillment:${who}`, callId: null });
const FULFILLMENT: Actor = { name: 'fulfillment', callId: null };

/**
 * Advances orders from fulfillment's events, inside the inbox transaction of one event. Each step has its own
 * topic and topics are not ordered with each other, so an event that arrives before the step it follows is
 * parked (deferred_fulfillment_event) and applied as soon as the order catches up; blocking the consumer
 * with retries would hold up the very event it waits for.
 */
@Injectable()
export class FulfillmentProgressService {
  private readonly logger = new Logger('FulfillmentProgress');

  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly inventory: InventoryService,
  ) {}

  /** Applies the event now, parks it until its turn, or skips it (duplicate step, cancelled or unknown order). */
  async apply(
    em: EntityManager,
    envelope: EventEnvelope<{ orderId: string }>,
  ): Promise<'applied' | 'deferred' | 'skipped'> {
    const from = FROM[envelope.type];
    if (!from) throw new Error(`not a fulfillment event orders handles: ${envelope.type}`);
    const orderId = envelope.payload.orderId;
    const order = await this.lifecycle.lock(em, orderId);
    if (!order) {
      this.logger.warn(`${envelope.type} for unknown order ${orderId}: skipped`);
      return 'skipped';
    }
    if (order.status === from) {
      await this.perform(em, order, envelope);
      await this.applyDeferred(em, order);
      return 'applied';
    }
    if (order.status === 'cancelled' || rank(order.status) > rank(from)) {
      this.logger.warn(`${envelope.type} for order ${orderId} in status ${order.status}: skipped`);
      return 'skipped';
    }
    await em.query(
      'INSERT IGNORE INTO deferred_fulfillment_event (event_id, order_id, envelope) VALUES (?, ?, ?)',
      [envelope.eventId, orderId, JSON.stringify(envelope)],
    );
    this.logger.log(
      `${envelope.type} for order ${orderId} in status ${order.status} parked until it is ${from}`,
    );
    return 'deferred';
  }

  /** Applies parked events whose turn has come, in arrival order, until none fits. */
  private async applyDeferred(em: EntityManager, order: Order): Promise<void> {
    for (;;) {
      const rows: Array<{ id: string; envelope: string }> = await em.query(
        'SELECT id, envelope FROM deferred_fulfillment_event WHERE order_id = ? ORDER BY id',
        [order.id],
      );
      const parked = rows.map((row) => ({
        id: row.id,
        envelope: JSON.parse(row.envelope) as EventEnvelope<{ orderId: string }>,
      }));
      const next = parked.find((p) => FROM[p.envelope.type] === order.status);
      if (!next) return;
      await em.query('DELETE FROM deferred_fulfillment_event WHERE id = ?', [next.id]);
      await this.perform(em, order, next.envelope);
    }
  }

  private async perform(em: EntityManager, order: Order, envelope: EventEnvelope): Promise<void> {
    switch (envelope.type) {
      case fulfillmentPickedV1.type: {
        const event = fulfillmentPickedV1.parse(envelope).payload;
        return this.picked(em, order, event, by(event.pickedBy));
      }
      case fulfillmentShortPickedV1.type: {
        const event = fulfillmentShortPickedV1.parse(envelope).payload;
        return this.shortPicked(em, order, event, envelope.eventId, by(event.pickedBy));
      }
      case fulfillmentPackedV1.type: {
        const event = fulfillmentPackedV1.parse(envelope).payload;
        return this.packed(em, order, event, envelope.eventId, by(event.packedBy));
      }
      case fulfillmentShippedV1.type: {
        const { carrier, trackingNumber } = fulfillmentShippedV1.parse(envelope).payload;
        return this.lifecycle.move(
          em,
          order,
          'shipped',
          FULFILLMENT,
          `shipped with ${carrier} ${trackingNumber}`,
        );
      }
      case fulfillmentDeliveredV1.type: {
        const { receivedBy } = fulfillmentDeliveredV1.parse(envelope).payload;
        return this.lifecycle.move(
          em,
          order,
          'delivered',
          FULFILLMENT,
          `delivered, received by ${receivedBy}`,
        );
      }
    }
  }

  private async picked(
    em: EntityManager,
    order: Order,
    event: FulfillmentPickedV1,
    actor: Actor,
  ): Promise<void> {
    const lines = await this.lifecycle.lines(em, order.id);
    await this.inventory.releasePicked(
      em,
      order.fulfillmentCenterId,
      lines.map((l) => ({ skuId: l.skuId, quantity: l.reservedQuantity })),
      event.stockAfter,
    );
    for (const line of lines)
      await em
        .getRepository(OrderLine)
        .update({ orderId: order.id, lineNo: line.lineNo }, { pickedQuantity: line.reservedQuantity });
    await this.lifecycle.move(em, order, 'picking', actor, 'picked in full');
  }

  /** Picked with shortfalls: what is missing is refunded at once, in the same transaction. */
  private async shortPicked(
    em: EntityManager,
    order: Order,
    event: FulfillmentShortPickedV1,
    eventId: string,
    actor: Actor,
  ): Promise<void> {
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
    // The whole reservation ends: the missing units were written off in fulfillment (its count says so).
    await this.inventory.releasePicked(
      em,
      order.fulfillmentCenterId,
      lines.map((l) => ({ skuId: l.skuId, quantity: l.reservedQuantity })),
      event.stockAfter,
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
  private async packed(
    em: EntityManager,
    order: Order,
    event: FulfillmentPackedV1,
    eventId: string,
    actor: Actor,
  ): Promise<void> {
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
}
