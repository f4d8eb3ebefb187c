import { orderPlacedV1 } from '@harvest/contracts/order-placed';
import { Database, insertRows, isDuplicateKeyError } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';
import { requestHash } from '@harvest/platform/idempotency';
import { DomainError } from '@harvest/platform/errors';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SkuSnapshotsService } from '../catalog-skus/sku-snapshots.service';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders.config';
import { DeliverySlotsService } from '../delivery-slots/delivery-slots.service';
import { InventoryService } from '../inventory/inventory.service';
import { findZoneWithCenter } from '../inventory/zone-with-center.query';
import type { Actor } from './actor';
import type { CheckoutDto } from './dto/checkout.dto';
import { outOfStock, planCheckout, type CheckoutIntent } from './domain/checkout-planner';
import { CheckoutRefusedError } from './domain/checkout-refused.error';
import { IdempotencyKeyReusedError } from './domain/order.errors';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { OrderLifecycleService } from '../order-lifecycle/order-lifecycle.service';
import { OrderQueriesService } from './order-queries.service';
import type { OrderDetails } from './order-views';

export interface CheckoutRequest {
  customerId: string;
  idempotencyKey: string;
  body: CheckoutDto;
  actor: Actor;
  /** Set when an agent checks out on the customer's behalf. */
  agentId: string | null;
  /**
   * A basket checkout: its request hash is over the client's own request (not the basket it was built from),
   * the planner charges the zone's fee and carries the substitutions, and `inTransaction` (emptying the
   * basket) commits or rolls back with the order.
   */
  basket?: {
    requestHash: string;
    intent: NonNullable<CheckoutIntent['basket']>;
    inTransaction: (em: EntityManager) => Promise<void>;
  };
}

export interface PlacedOrder {
  orderId: string;
  created: boolean;
  details: OrderDetails;
}

/** Thrown inside the transaction when the (customer, key) order already exists; resolved outside it. */
class DuplicateCheckout extends Error {}

/**
 * Places an order in one transaction: price from the SKU snapshot, pick the zone's center, reserve every
 * line (all or none), take slot capacity, insert the order and its order.placed event. The unique
 * (customer, Idempotency-Key) makes a replay return the first order, never a second one.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxWriter,
    private readonly skus: SkuSnapshotsService,
    private readonly inventory: InventoryService,
    private readonly slots: DeliverySlotsService,
    private readonly lifecycle: OrderLifecycleService,
    private readonly queries: OrderQueriesService,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  /**
   * The order id, whether it was created now (false: a replay of the same request), and the order as stored.
   * The placement is one transaction whose first write is the order row, so a new key costs no lookup. A
   * replay is found when the placement cannot finish: its order insert meets the unique (customer, key), or
   * a refusal (say the slot filled up since the first attempt) must not hide an order this key already
   * placed. A concurrent request with the same key waits on that unique key and then finds the first order.
   */
  async checkout(request: CheckoutRequest): Promise<PlacedOrder> {
    const requestHash = request.basket?.requestHash ?? hashRequest(request.customerId, request.body);
    try {
      return await this.db.transaction(async (em) => {
        const details = await this.place(em, request, requestHash);
        return { orderId: details.order.id, created: true, details };
      });
    } catch (error) {
      // A refusal is any domain error but an outage (the database's lost writer is `unavailable`).
      const refusal = error instanceof DomainError && error.kind !== 'unavailable';
      if (!(error instanceof DuplicateCheckout) && !refusal) throw error;
      return this.db.transaction(async (em) => {
        const orderId = await this.findReplay(em, request.customerId, request.idempotencyKey, requestHash);
        if (!orderId) throw error;
        return this.placedOrder(em, orderId, false);
      });
    }
  }

  /** The order an earlier request with this key placed (same hash), null when none; 422 for another hash. */
  replayOf(customerId: string, idempotencyKey: string, requestHash: string): Promise<PlacedOrder | null> {
    return this.db.transaction(async (em) => {
      const orderId = await this.findReplay(em, customerId, idempotencyKey, requestHash);
      return orderId ? this.placedOrder(em, orderId, false) : null;
    });
  }

  private async placedOrder(em: EntityManager, orderId: string, created: boolean): Promise<PlacedOrder> {
    return { orderId, created, details: (await this.queries.details(em, orderId))! };
  }

  /** The order this key already made, if the body is the same; a different body with the key is 422. */
  private async findReplay(
    em: EntityManager,
    customerId: string,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<string | null> {
    const [existing]: Array<{ id: string; requestHash: string }> = await em.query(
      `SELECT id, request_hash AS requestHash FROM customer_order
       WHERE customer_id = ? AND idempotency_key = ? LIMIT 1`,
      [customerId, idempotencyKey],
    );
    if (!existing) return null;
    if (existing.requestHash !== requestHash) {
      throw new IdempotencyKeyReusedError('checkout request');
    }
    return existing.id;
  }

  /** The order as stored: built from what was inserted (no read-back), so it matches a later read of it. */
  private async place(
    em: EntityManager,
    request: CheckoutRequest,
    requestHash: string,
  ): Promise<OrderDetails> {
    const { body } = request;
    const now = new Date();
    const served = await findZoneWithCenter(em, body.address.zoneId);
    const skus = await this.skus.findMany(
      em,
      body.lines.map((l) => l.skuId),
    );
    const slot = await this.slots.find(em, body.slotId);
    const settings = {
      maxLines: this.config.ORDERS_MAX_LINES,
      paymentTimeoutSeconds: this.config.ORDERS_PAYMENT_TIMEOUT_SECONDS,
    };
    const intent = checkoutIntent(request, requestHash);
    const planning = planCheckout(intent, { served, skus, slot }, settings, randomUUID(), now);
    if (!planning.ok) throw new CheckoutRefusedError(planning.refusal);
    const { order, lines } = planning.plan;
    try {
      // First write, and the replay check: a key that placed an order fails here on the unique key (a
      // concurrent request with the same key waits on it first), and is answered outside this transaction.
      await insertRows(em, Order, [order]);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateCheckout();
      throw error;
    }
    await insertRows(em, OrderLine, lines);
    const reservation = await this.inventory.reserve(
      em,
      order.fulfillmentCenterId,
      planning.plan.reservations,
    );
    if (reservation.short.length > 0)
      throw new CheckoutRefusedError(outOfStock(planning.plan, reservation.short));
    await this.slots.book(em, order.slotId, now);
    await request.basket?.inTransaction(em);
    const transition = await this.lifecycle.record(
      em,
      order.id,
      null,
      'pending_payment',
      request.actor,
      planning.plan.transitionReason,
    );
    const orderPlaced = this.outbox.envelope(orderPlacedV1, {
      key: order.id,
      payload: planning.plan.orderPlaced,
    });
    // The reservations' stock events and order.placed in one INSERT (one round trip), in that order.
    await this.outbox.appendMany(em, [...reservation.stockChanged, orderPlaced]);
    return { order, lines, refunds: [], transitions: [transition] };
  }
}

/** What the request asks the planner for, with who asks (agent and call) and its hash. */
function checkoutIntent(request: CheckoutRequest, requestHash: string): CheckoutIntent {
  const { body } = request;
  return {
    customerId: request.customerId,
    idempotencyKey: request.idempotencyKey,
    requestHash,
    address: body.address,
    slotId: body.slotId,
    lines: body.lines,
    agentId: request.agentId,
    callId: request.actor.callId,
    basket: request.basket?.intent,
  };
}

/** The request as it matters for "same body": field order does not change the hash. */
export function hashRequest(customerId: string, body: CheckoutDto): string {
  return requestHash(`checkout:${customerId}`, body);
}
