import type { TemperatureClass } from '@harvest/contracts/produce';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { chinaDate } from '../shared/domain/local-date';
import { FulfillmentOrderLine } from '../fulfillment-orders/entities/fulfillment-order-line.entity';
import { FulfillmentOrder } from '../fulfillment-orders/entities/fulfillment-order.entity';
import { PickTask } from '../picking/entities/pick-task.entity';
import { PickCompletionService } from '../picking/pick-completion.service';
import { pickRank, waveId } from '../picking/domain/wave-rules';
import { KnownSkusService } from '../skus/known-skus.service';
import { allocateFefo, type CandidateStock } from './domain/fefo-allocation';

interface StockRow {
  lot_id: string;
  location_id: string;
  expiry_date: string;
  receipt_date: string;
  qa_hold: number;
  available: string;
}

interface LineToAllocate {
  skuId: string;
  quantity: number;
  temperatureClass: TemperatureClass;
}

/**
 * Turns a paid order into pick tasks: FEFO per line over the center's lots (locked while allocating, so two
 * orders never get the same units), grouped into waves by delivery slot and temperature zone. What cannot be
 * allocated becomes a task recorded short (not_found), so picking later reports it with short-picked.
 */
@Injectable()
export class AllocationService {
  private readonly logger = new Logger('Allocation');

  constructor(
    private readonly skus: KnownSkusService,
    private readonly completion: PickCompletionService,
  ) {}

  /** The order must be locked by the caller and be placed, paid and awaiting. */
  async allocate(em: EntityManager, order: FulfillmentOrder): Promise<void> {
    const lines = await em
      .getRepository(FulfillmentOrderLine)
      .find({ where: { orderId: order.orderId }, order: { skuId: 'ASC' } });
    for (const line of lines)
      await this.allocateLine(em, order, {
        skuId: line.skuId,
        quantity: line.orderedQuantity,
        temperatureClass: line.temperatureClass,
      });
    order.status = 'allocated';
    await em.getRepository(FulfillmentOrder).save(order);
    // Nothing at all to pick (every line short): picking is over before it starts.
    await this.completion.completeIfDone(em, order.orderId, 'system');
  }

  /**
   * Lots just put on QA hold are no longer promised to anyone: tasks on them that no picker has started are
   * withdrawn and their quantity allocated again from the remaining eligible lots (or recorded short).
   */
  async reallocateFromHeldLots(em: EntityManager, lotIds: string[]): Promise<number> {
    if (lotIds.length === 0) return 0;
    const tasks = await em
      .getRepository(PickTask)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.lot_id IN (:...lotIds)', { lotIds })
      .andWhere("t.status = 'open'")
      .orderBy('t.order_id')
      .addOrderBy('t.id')
      .getMany();
    const orderIds = [...new Set(tasks.map((t) => t.orderId))];
    for (const orderId of orderIds) {
      const order = await em
        .getRepository(FulfillmentOrder)
        .findOneOrFail({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
      const lines = await em.getRepository(FulfillmentOrderLine).findBy({ orderId });
      for (const task of tasks.filter((t) => t.orderId === orderId)) {
        await em.query(
          'UPDATE lot_stock SET allocated = allocated - ? WHERE lot_id = ? AND location_id = ?',
          [task.quantity, task.lotId, task.locationId],
        );
        await em.getRepository(PickTask).update({ id: task.id }, { status: 'withdrawn' });
        const line = lines.find((l) => l.skuId === task.skuId)!;
        await this.allocateLine(em, order, {
          skuId: task.skuId,
          quantity: task.quantity,
          temperatureClass: line.temperatureClass,
        });
      }
      await this.completion.completeIfDone(em, orderId, 'system');
    }
    return tasks.length;
  }

  private async allocateLine(
    em: EntityManager,
    order: FulfillmentOrder,
    line: LineToAllocate,
  ): Promise<void> {
    const wave = waveId(
      order.fulfillmentCenterId,
      order.slotDate!,
      order.windowStart!,
      line.temperatureClass,
    );
    await em.query(
      'INSERT IGNORE INTO wave (id, fulfillment_center_id, slot_date, window_start, temperature_class, pick_rank) VALUES (?, ?, ?, ?, ?, ?)',
      [
        wave,
        order.fulfillmentCenterId,
        order.slotDate,
        order.windowStart,
        line.temperatureClass,
        pickRank(line.temperatureClass),
      ],
    );
    const rows: StockRow[] = await em.query(
      `SELECT ls.lot_id, ls.location_id, DATE_FORMAT(lot.expiry_date, '%Y-%m-%d') AS expiry_date,
              DATE_FORMAT(lot.receipt_date, '%Y-%m-%d') AS receipt_date, lot.qa_hold, ls.on_hand - ls.allocated AS available
         FROM lot_stock ls JOIN lot ON lot.id = ls.lot_id
       WHERE lot.sku_id = ? AND lot.fulfillment_center_id = ? AND ls.on_hand > ls.allocated
       FOR UPDATE`,
      [line.skuId, order.fulfillmentCenterId],
    );
    const candidates: CandidateStock[] = rows.map((r) => ({
      lotId: r.lot_id,
      locationId: r.location_id,
      expiryDate: r.expiry_date,
      receiptDate: r.receipt_date,
      qaHold: Number(r.qa_hold) === 1,
      available: Number(r.available),
    }));
    const snapshot = await this.skus.find(em, line.skuId);
    if (!snapshot)
      this.logger.warn(
        `order ${order.orderId}: no SKU snapshot for ${line.skuId}; allocating without a shelf-life promise`,
      );
    const result = allocateFefo(candidates, {
      quantity: line.quantity,
      today: chinaDate(),
      deliveryDate: order.slotDate!,
      minShelfLifeDaysAtDelivery: snapshot?.minShelfLifeDaysAtDelivery ?? 0,
    });
    const base = {
      orderId: order.orderId,
      fulfillmentCenterId: order.fulfillmentCenterId,
      waveId: wave,
      skuId: line.skuId,
      assignedTo: null,
    };
    const tasks: PickTask[] = [];
    for (const pick of result.picks) {
      await em.query('UPDATE lot_stock SET allocated = allocated + ? WHERE lot_id = ? AND location_id = ?', [
        pick.quantity,
        pick.lotId,
        pick.locationId,
      ]);
      tasks.push(
        em.getRepository(PickTask).create({
          ...base,
          id: randomUUID(),
          lotId: pick.lotId,
          locationId: pick.locationId,
          quantity: pick.quantity,
          pickedQuantity: null,
          status: 'open',
          shortReason: null,
        }),
      );
    }
    if (result.shortQuantity > 0) {
      tasks.push(
        em.getRepository(PickTask).create({
          ...base,
          id: randomUUID(),
          lotId: null,
          locationId: null,
          quantity: result.shortQuantity,
          pickedQuantity: 0,
          status: 'short',
          shortReason: 'not_found',
        }),
      );
    }
    if (tasks.length > 0) await em.getRepository(PickTask).insert(tasks);
  }
}
