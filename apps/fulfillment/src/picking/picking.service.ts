import { Database } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import type { Principal } from '@harvest/platform/http';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { boundCenter } from '../shared/domain/center-access';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import { PickCompletionService } from './pick-completion.service';
import { applyScan, ScanRejectedError, type ScanAction, type TaskStatus } from './domain/scan-steps';

const NEXT_STEP: Record<TaskStatus, string | null> = {
  open: 'scan_location',
  at_location: 'scan_lot',
  lot_scanned: 'confirm',
  picked: null,
  short: null,
  withdrawn: null,
};

interface TaskRow {
  id: string;
  order_id: string;
  sku_id: string;
  sku_name: string | null;
  sold_by: string;
  temperature_class: string;
  wave_id: string;
  quantity: number;
  picked_quantity: number | null;
  status: TaskStatus;
  short_reason: string | null;
  location_barcode: string;
  lot_barcode: string;
  lot_id: string;
  location_id: string;
}

export interface ScannerTaskView {
  taskId: string;
  orderId: string;
  waveId: string;
  skuId: string;
  skuName: string | null;
  temperatureZone: string;
  unit: 'pieces' | 'grams';
  quantity: number;
  locationBarcode: string;
  lotBarcode: string;
  status: TaskStatus;
  pickedQuantity: number | null;
  shortReason: string | null;
  /** What the scanner should do next, or null when the task is finished. */
  nextStep: string | null;
  /** Set when finishing this task finished the order's picking. */
  orderPicking?: 'picked' | 'short_picked';
}

const TASK_SELECT = `SELECT t.id, t.order_id, t.sku_id, ol.name AS sku_name, ol.sold_by, ol.temperature_class, t.wave_id, t.quantity,
    t.picked_quantity, t.status, t.short_reason, loc.barcode AS location_barcode, lot.barcode AS lot_barcode, t.lot_id, t.location_id
  FROM pick_task t
  JOIN fulfillment_order_line ol ON ol.order_id = t.order_id AND ol.sku_id = t.sku_id
  JOIN wave w ON w.id = t.wave_id
  JOIN lot ON lot.id = t.lot_id
  JOIN location loc ON loc.id = t.location_id`;

function view(row: TaskRow): ScannerTaskView {
  return {
    taskId: row.id,
    orderId: row.order_id,
    waveId: row.wave_id,
    skuId: row.sku_id,
    skuName: row.sku_name,
    temperatureZone: row.temperature_class,
    unit: row.sold_by === 'weight' ? 'grams' : 'pieces',
    quantity: Number(row.quantity),
    locationBarcode: row.location_barcode,
    lotBarcode: row.lot_barcode,
    status: row.status,
    pickedQuantity: row.picked_quantity === null ? null : Number(row.picked_quantity),
    shortReason: row.short_reason,
    nextStep: NEXT_STEP[row.status],
  };
}

/** The handheld scanner's side of picking; every task is looked up within the scanner's own center. */
@Injectable()
export class PickingService {
  constructor(
    private readonly db: Database,
    private readonly completion: PickCompletionService,
    private readonly counts: StockCountsService,
  ) {}

  /**
   * The scanner's current task, or the next one in pick order (delivery slot, then zone with frozen last,
   * then bin) claimed for it; null when the center has nothing to pick.
   */
  async next(principal: Principal, picker: string): Promise<{ task: ScannerTaskView | null }> {
    const center = boundCenter(principal);
    return this.db.transaction(async (em) => {
      const [mine]: TaskRow[] = await em.query(
        `${TASK_SELECT} WHERE t.fulfillment_center_id = ? AND t.assigned_to = ? AND t.status IN ('open', 'at_location', 'lot_scanned') ORDER BY t.id LIMIT 1`,
        [center, picker],
      );
      if (mine) return { task: view(mine) };
      const [next]: TaskRow[] = await em.query(
        `${TASK_SELECT} WHERE t.fulfillment_center_id = ? AND t.status = 'open' AND t.assigned_to IS NULL
         ORDER BY w.slot_date, w.window_start, w.pick_rank, loc.barcode, t.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [center],
      );
      if (!next) return { task: null };
      await em.query('UPDATE pick_task SET assigned_to = ?, device = ? WHERE id = ?', [
        picker,
        principal.subject,
        next.id,
      ]);
      return { task: view(next) };
    });
  }

  /** `picker` is who works the task (pickerOf), recorded with the device (the token's subject). */
  async step(
    taskId: string,
    action: ScanAction,
    principal: Principal,
    picker: string,
  ): Promise<ScannerTaskView> {
    const center = boundCenter(principal);
    return this.db.transaction(async (em) => {
      const [row]: TaskRow[] = await em.query(
        `${TASK_SELECT} WHERE t.id = ? AND t.fulfillment_center_id = ? FOR UPDATE`,
        [taskId, center],
      );
      if (!row) throw new NotFoundError(`Pick task ${taskId}`);
      const outcome = applyScan(
        {
          status: row.status,
          expectedLocationBarcode: row.location_barcode,
          expectedLotBarcode: row.lot_barcode,
          quantity: Number(row.quantity),
          pickedQuantity: row.picked_quantity === null ? null : Number(row.picked_quantity),
          shortReason: row.short_reason,
          weighed: row.sold_by === 'weight',
        },
        action,
      );
      if (outcome.kind === 'reject') throw new ScanRejectedError(outcome);
      if (outcome.kind === 'repeat') return view(row);
      const updated: TaskRow = {
        ...row,
        status: outcome.status,
        picked_quantity: outcome.pickedQuantity ?? row.picked_quantity,
        short_reason: outcome.shortReason ?? row.short_reason,
      };
      await em.query(
        'UPDATE pick_task SET status = ?, picked_quantity = ?, short_reason = ?, assigned_to = COALESCE(assigned_to, ?), device = COALESCE(device, ?) WHERE id = ?',
        [updated.status, updated.picked_quantity, updated.short_reason, picker, principal.subject, taskId],
      );
      if (updated.status !== 'picked' && updated.status !== 'short') return view(updated);
      await this.takeFromBin(em, updated);
      await this.counts.announce(em, updated.sku_id, center);
      const finished = await this.completion.completeIfDone(em, row.order_id, `scanner:${picker}`);
      return { ...view(updated), ...(finished ? { orderPicking: finished } : {}) };
    });
  }

  /**
   * The picked units leave the bin and the task's allocation is released. A short pick also writes off the
   * units the picker could not take (not there, damaged or expired), so they are not allocated again.
   */
  private async takeFromBin(em: EntityManager, task: TaskRow): Promise<void> {
    const removed = task.status === 'short' ? Number(task.quantity) : Number(task.picked_quantity ?? 0);
    // MySQL applies SET left to right: on_hand is compared with the already reduced allocation, so neither a
    // heavy weighed pick nor a write-off can take the bin below what other tasks still hold.
    await em.query(
      `UPDATE lot_stock SET allocated = allocated - ?, on_hand = GREATEST(CAST(on_hand AS SIGNED) - ?, allocated)
        WHERE lot_id = ? AND location_id = ?`,
      [Number(task.quantity), removed, task.lot_id, task.location_id],
    );
  }
}
