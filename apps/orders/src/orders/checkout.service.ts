import { orderPlacedV1 } from '@harvest/contracts/order-placed';
import { Database, insertRows, isDuplicateKeyError } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';
import { requestHash } from '@harvest/platform/idempotency';
import { ProblemException } from '@harvest/platform/http';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SkuSnapshotsService } from '../catalog-skus/sku-snapshots.service';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders-config';
import { DeliverySlotsService } from '../delivery-slots/delivery-slots.service';
import { InventoryService } from '../inventory/inventory.service';
import { findZoneWithCenter } from '../inventory/zone-with-center.query';
import { ordersProblem } from '../problems';
import type { Actor } from './actor';
import type { CheckoutDto } from './dto/checkout.dto';
import { priceLines } from './domain/pricing';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderQueriesService } from './order-queries.service';
import type { OrderDetails } from './order-views';


export interface CheckoutRequest {
  customerId: string;
  idempotencyKey: string;
  body: CheckoutDto;
  actor: Actor;
  /** Set when an agent checks out on the customer's behalf. */
  agentId: string | null;
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
    const requestHash = hashRequest(request.customerId, request.body);
    try {
      return await this.db.transaction(async (em) => {
        const details = await this.place(em, request, requestHash);
        return { orderId: details.order.id, created: true, details };
      });
    } catch (error) {
      const refusal = error instanceof ProblemException && error.getStatus() < 500;
      if (!(error instanceof DuplicateCheckout) && !refusal) throw error;
      return this.db.transaction(async (em) => {
        const orderId = await this.findReplay(em, request.customerId, request.idempotencyKey, requestHash);
        if (!orderId) throw error;
        return this.placedOrder(em, orderId, false);
      });
    }
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
      throw ordersProblem(
        422,
        'idempotency-key-reused',
        'this Idempotency-Key was used for a different checkout request',
        { field: 'Idempotency-Key' },
      );
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
    if (body.lines.length > this.config.ORDERS_MAX_LINES) {
      throw ordersProblem(
        422,
        'too-many-lines',
        `an order may have at most ${this.config.ORDERS_MAX_LINES} lines`,
        { field: 'lines' },
      );
    }
    const now = new Date();
    const served = await findZoneWithCenter(em, body.address.zoneId);
    if (!served)
      throw ordersProblem(422, 'unknown-zone', `we do not deliver to zone ${body.address.zoneId}`, {
        field: 'address.zoneId',
      });
    const { zone, center } = served;

    const snapshots = await this.skus.findMany(
      em,
      body.lines.map((l) => l.skuId),
    );
    const { lines, problems } = priceLines(body.lines, snapshots);
    if (problems.length > 0) {
      throw ordersProblem(
        422,
        'invalid-order-lines',
        problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        { errors: problems },
      );
    }
    const unserved = [...new Set(lines.map((l) => l.temperatureClass))].filter(
      (c) => !center.temperatureClasses.includes(c),
    );
    if (unserved.length > 0) {
      throw ordersProblem(
        422,
        'temperature-class-not-served',
        `${center.name} cannot deliver ${unserved.join(', ')} goods to this zone`,
        {
          errors: lines
            .filter((l) => unserved.includes(l.temperatureClass))
            .map((l) => ({
              field: `lines[${l.lineNo - 1}].skuId`,
              message: `${l.temperatureClass} not served`,
            })),
        },
      );
    }
    const slot = await this.slots.requireBookable(em, body.slotId, zone.id, now);

    const orderId = randomUUID();
    const totalFen = lines.reduce((sum, l) => sum + l.lineTotalFen, 0);
    const paymentDueAt = new Date(now.getTime() + this.config.ORDERS_PAYMENT_TIMEOUT_SECONDS * 1000);
    const order: Order = {
      id: orderId,
      customerId: request.customerId,
      idempotencyKey: request.idempotencyKey,
      requestHash,
      status: 'pending_payment',
      fulfillmentCenterId: center.id,
      zoneId: zone.id,
      slotId: slot.id,
      // As it reads back from its JSON column.
      address: JSON.parse(JSON.stringify(body.address)) as Order['address'],
      totalFen,
      paidFen: 0,
      refundedFen: 0,
      paymentId: null,
      paymentDueAt,
      placedByAgentId: request.agentId,
      callId: request.actor.callId,
      createdAt: now,
      updatedAt: now,
    };
    try {
      // First write, and the replay check: a key that placed an order fails here on the unique key (a
      // concurrent request with the same key waits on it first), and is answered outside this transaction.
      await insertRows(em, Order, [order]);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateCheckout();
      throw error;
    }
    // A priced line is the order line as stored, before anything is picked.
    const orderLines: OrderLine[] = lines.map((l) => ({
      orderId,
      ...l,
      pickedQuantity: null,
      shortPickReason: null,
      actualWeightGrams: null,
    }));
    await insertRows(em, OrderLine, orderLines);

    const { short, stockChanged } = await this.inventory.reserve(
      em,
      center.id,
      lines.map((l) => ({ skuId: l.skuId, quantity: l.reservedQuantity })),
    );
    if (short.length > 0) {
      throw ordersProblem(409, 'out-of-stock', `not enough stock at ${center.name} for ${short.join(', ')}`, {
        errors: lines
          .filter((l) => short.includes(l.skuId))
          .map((l) => ({ field: `lines[${l.lineNo - 1}]`, message: `not enough stock of ${l.skuId}` })),
      });
    }
    await this.slots.book(em, slot.id, now);
    const transition = await this.lifecycle.record(
      em,
      orderId,
      null,
      'pending_payment',
      request.actor,
      request.agentId ? 'checkout by agent' : 'checkout',
    );
    const orderPlaced = this.outbox.envelope(orderPlacedV1, {
      key: orderId,
      payload: {
        orderId,
        customerId: request.customerId,
        fulfillmentCenterId: center.id,
        zoneId: zone.id,
        slot: {
          slotId: slot.id,
          date: slot.deliveryDate,
          windowStart: slot.windowStart,
          windowEnd: slot.windowEnd,
        },
        // The event's line is the priced line without what only orders uses (line number, stock units).
        lines: lines.map(({ lineNo: _lineNo, reservedQuantity: _reserved, ...placed }) => placed),
        totalFen,
        paymentDueAt: paymentDueAt.toISOString(),
        placedByAgentId: request.agentId,
      },
    });
    // The reservations' stock events and order.placed in one INSERT (one round trip), in that order.
    await this.outbox.appendMany(em, [...stockChanged, orderPlaced]);
    return { order, lines: orderLines, refunds: [], transitions: [transition] };
  }
}

/** The request as it matters for "same body": field order does not change the hash. */
export function hashRequest(customerId: string, body: CheckoutDto): string {
  return requestHash(`checkout:${customerId}`, body);
}
