import type { OrderCancelledV1 } from '@harvest/contracts/order-cancelled';
import type { OrderPaidV1 } from '@harvest/contracts/order-paid';
import type { OrderPlacedV1 } from '@harvest/contracts/order-placed';
import { Database } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import type { Principal } from '@harvest/platform/http';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AllocationService } from '../allocation/allocation.service';
import { assertCenterAccess } from '../shared/domain/center-access';
import { FulfillmentOrderLine } from './entities/fulfillment-order-line.entity';
import { FulfillmentOrder } from './entities/fulfillment-order.entity';

/**
 * The local copy of orders, from order.placed / order.paid / order.cancelled. Events of different topics
 * may arrive in any order, so each one records what it knows and allocation runs when placed and paid are
 * both in (and the order was not cancelled).
 */
@Injectable()
export class FulfillmentOrdersService {
  private readonly logger = new Logger('FulfillmentOrders');

  constructor(
    private readonly db: Database,
    private readonly allocation: AllocationService,
  ) {}

  async recordPlaced(em: EntityManager, placed: OrderPlacedV1): Promise<void> {
    await this.ensureRow(em, placed.orderId, placed.fulfillmentCenterId);
    await em.query(
      'UPDATE fulfillment_order SET placed = 1, slot_id = ?, slot_date = ?, window_start = ?, window_end = ? WHERE order_id = ?',
      [placed.slot.slotId, placed.slot.date, placed.slot.windowStart, placed.slot.windowEnd, placed.orderId],
    );
    const lines = placed.lines.map((line) =>
      em.getRepository(FulfillmentOrderLine).create({
        orderId: placed.orderId,
        skuId: line.skuId,
        name: line.name,
        soldBy: line.soldBy,
        temperatureClass: line.temperatureClass,
        orderedQuantity: (line.soldBy === 'weight' ? line.estimatedWeightGrams : line.quantity) ?? 0,
        actualWeightGrams: null,
      }),
    );
    await em.getRepository(FulfillmentOrderLine).upsert(lines, ['orderId', 'skuId']);
    await this.allocateWhenReady(em, placed.orderId);
  }

  async recordPaid(em: EntityManager, paid: OrderPaidV1): Promise<void> {
    await this.ensureRow(em, paid.orderId, paid.fulfillmentCenterId);
    await em.query('UPDATE fulfillment_order SET paid_at = COALESCE(paid_at, ?) WHERE order_id = ?', [
      new Date(paid.paidAt),
      paid.orderId,
    ]);
    await this.allocateWhenReady(em, paid.orderId);
  }

  /** Withdraws the order's unfinished pick tasks and releases their allocation; picking stops. */
  async recordCancelled(em: EntityManager, cancelled: OrderCancelledV1): Promise<void> {
    await this.ensureRow(em, cancelled.orderId, cancelled.fulfillmentCenterId);
    const order = await this.lock(em, cancelled.orderId);
    if (order.status !== 'awaiting' && order.status !== 'allocated') {
      this.logger.warn(`order ${order.orderId} cancelled while ${order.status}; nothing withdrawn`);
      return;
    }
    await em.query(
      `UPDATE lot_stock ls JOIN (
         SELECT lot_id, location_id, SUM(quantity) AS quantity FROM pick_task
          WHERE order_id = ? AND status IN ('open', 'at_location', 'lot_scanned') GROUP BY lot_id, location_id
       ) t ON t.lot_id = ls.lot_id AND t.location_id = ls.location_id
       SET ls.allocated = ls.allocated - t.quantity`,
      [order.orderId],
    );
    await em.query(
      "UPDATE pick_task SET status = 'withdrawn' WHERE order_id = ? AND status IN ('open', 'at_location', 'lot_scanned')",
      [order.orderId],
    );
    await em.query("UPDATE fulfillment_order SET status = 'cancelled', cancelled_at = ? WHERE order_id = ?", [
      new Date(cancelled.cancelledAt),
      order.orderId,
    ]);
  }

  async view(orderId: string, principal: Principal) {
    return this.db.read(async (em) => {
      const order = await em.getRepository(FulfillmentOrder).findOneBy({ orderId });
      if (!order) throw new NotFoundError(`Order ${orderId}`);
      assertCenterAccess(principal, order.fulfillmentCenterId, `Order ${orderId}`);
      const lines = await em
        .getRepository(FulfillmentOrderLine)
        .find({ where: { orderId }, order: { skuId: 'ASC' } });
      const tasks: Array<Record<string, unknown>> = await em.query(
        `SELECT t.id AS taskId, t.sku_id AS skuId, t.lot_id AS lotId, lot.barcode AS lotBarcode, loc.barcode AS locationBarcode,
                t.wave_id AS waveId, t.quantity, t.picked_quantity AS pickedQuantity, t.status, t.short_reason AS shortReason
           FROM pick_task t LEFT JOIN lot ON lot.id = t.lot_id LEFT JOIN location loc ON loc.id = t.location_id
         WHERE t.order_id = ? ORDER BY t.sku_id, lot.expiry_date, t.id`,
        [orderId],
      );
      const parcels: Array<Record<string, unknown>> = await em.query(
        'SELECT id AS parcelId, packaging, coolant, coolant_grams AS coolantGrams, product_grams AS productGrams, gross_weight_grams AS grossWeightGrams FROM parcel WHERE order_id = ? ORDER BY id',
        [orderId],
      );
      return { ...order, lines, tasks, parcels };
    });
  }

  private async ensureRow(em: EntityManager, orderId: string, fulfillmentCenterId: string): Promise<void> {
    await em.query(
      "INSERT IGNORE INTO fulfillment_order (order_id, fulfillment_center_id, status) VALUES (?, ?, 'awaiting')",
      [orderId, fulfillmentCenterId],
    );
  }

  private async lock(em: EntityManager, orderId: string): Promise<FulfillmentOrder> {
    return em
      .getRepository(FulfillmentOrder)
      .findOneOrFail({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
  }

  private async allocateWhenReady(em: EntityManager, orderId: string): Promise<void> {
    const order = await this.lock(em, orderId);
    if (order.status !== 'awaiting' || !order.placed || !order.paidAt) return;
    // An order for a center this fulfillment does not run stays awaiting: allocated here it would find no
    // lots and be reported short in full, and orders would refund the customer for goods another center holds.
    // (Two test services on one broker, each consuming every order, are the likely cause of a flaky full refund.)
    const [center] = await em.query('SELECT 1 AS known FROM fulfillment_center WHERE id = ?', [
      order.fulfillmentCenterId,
    ]);
    if (!center) {
      this.logger.warn(
        `order ${order.orderId} is for center ${order.fulfillmentCenterId}, which this service does not run: not allocated`,
      );
      return;
    }
    await this.allocation.allocate(em, order);
  }
}
