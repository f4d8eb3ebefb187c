import { fulfillmentPickedV1 } from '@harvest/contracts/fulfillment-picked';
import { fulfillmentShortPickedV1 } from '@harvest/contracts/fulfillment-short-picked';
import { OutboxWriter } from '@harvest/platform/events';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FulfillmentOrderLine } from '../fulfillment-orders/entities/fulfillment-order-line.entity';
import { FulfillmentOrder } from '../fulfillment-orders/entities/fulfillment-order.entity';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import { summarizePicking, type ShortReason } from './domain/pick-summary';
import { FINISHED } from './domain/scan-steps';

interface TaskRow {
  sku_id: string;
  lot_id: string | null;
  wave_id: string;
  status: string;
  picked_quantity: number | null;
  short_reason: ShortReason | null;
}

/**
 * Ends picking of an order once every task is finished: fulfillment.picked when every line is complete,
 * fulfillment.short-picked otherwise. Runs under the order's row lock and moves the order out of
 * "allocated", so the event is written exactly once however many scanners finish tasks at the same time.
 */
@Injectable()
export class PickCompletionService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly counts: StockCountsService,
  ) {}

  async completeIfDone(
    em: EntityManager,
    orderId: string,
    pickedBy: string,
  ): Promise<'picked' | 'short_picked' | null> {
    const order = await em
      .getRepository(FulfillmentOrder)
      .findOne({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || order.status !== 'allocated') return null;
    const tasks: TaskRow[] = await em.query(
      `SELECT t.sku_id, t.lot_id, t.wave_id, t.status, t.picked_quantity, t.short_reason
         FROM pick_task t LEFT JOIN lot ON lot.id = t.lot_id
       WHERE t.order_id = ? AND t.status <> 'withdrawn' ORDER BY lot.expiry_date, t.id`,
      [orderId],
    );
    if (tasks.some((t) => !FINISHED.includes(t.status as never))) return null;
    const lines = await em
      .getRepository(FulfillmentOrderLine)
      .find({ where: { orderId }, order: { skuId: 'ASC' } });
    const { short, lines: outcomes } = summarizePicking(
      lines,
      tasks.map((t) => ({
        skuId: t.sku_id,
        lotId: t.lot_id,
        status: t.status as 'picked' | 'short',
        pickedQuantity: Number(t.picked_quantity ?? 0),
        shortReason: t.short_reason,
      })),
    );
    const pickedAt = new Date();
    // A wave id for tracing: the first task's (an order's tasks span one wave per temperature zone).
    const stockAfter = await this.stockAfter(em, order.fulfillmentCenterId, lines);
    const common = {
      orderId,
      fulfillmentCenterId: order.fulfillmentCenterId,
      waveId: tasks[0]?.wave_id ?? null,
      pickedBy,
      pickedAt: pickedAt.toISOString(),
      stockAfter,
    };
    if (short) {
      await this.outbox.append(em, fulfillmentShortPickedV1, {
        key: orderId,
        payload: { ...common, lines: outcomes },
      });
    } else {
      const picked = outcomes.map((o) => ({ skuId: o.skuId, quantity: o.pickedQuantity, lotIds: o.lotIds }));
      await this.outbox.append(em, fulfillmentPickedV1, {
        key: orderId,
        payload: { ...common, lines: picked },
      });
    }
    order.status = short ? 'short_picked' : 'picked';
    order.pickedAt = pickedAt;
    order.pickedBy = pickedBy;
    await em.getRepository(FulfillmentOrder).save(order);
    return order.status;
  }

  /**
   * The count of each line's SKU now that the order's picks and write-offs are done, announced afresh (a new
   * version) and carried by the picked event, so orders can release the reservation and lower its count in
   * one step whatever order the two topics arrive in.
   */
  private async stockAfter(em: EntityManager, fulfillmentCenterId: string, lines: FulfillmentOrderLine[]) {
    const snapshots = [];
    for (const { skuId } of lines) {
      const { onHand, sellable, held, version } = await this.counts.announce(em, skuId, fulfillmentCenterId);
      snapshots.push({ skuId, onHand, sellable, held, version });
    }
    return snapshots;
  }
}
