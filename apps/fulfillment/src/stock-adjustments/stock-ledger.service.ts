import type { TemperatureClass } from '@harvest/contracts/produce';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Lot } from '../stock/entities/lot.entity';
import { UnknownBinError, UnknownLotError } from './domain/stock-control-errors';
import { adjustedOnHand, type LedgerReason } from './domain/adjustment-rules';
import { StockAdjustment } from './entities/stock-adjustment.entity';

export interface BinChange {
  lot: Lot;
  locationId: string;
  delta: number;
  reason: LedgerReason;
  by: string;
  note?: string | null;
  cycleCountId?: string | null;
  qaCaseId?: string | null;
  /** For a refusal: what was being done, and the input it is about. */
  what: string;
  field: string;
}

export interface Bin {
  id: string;
  barcode: string;
  roomId: string;
  roomName: string;
  temperatureClass: TemperatureClass;
  fulfillmentCenterId: string;
}

/**
 * Changes a lot's stock in a bin under the row's lock and writes the ledger line, in the caller's
 * transaction (the caller announces the count). Shared by adjustments, moves, cycle counts and QA.
 */
@Injectable()
export class StockLedgerService {
  async change(em: EntityManager, change: BinChange): Promise<number> {
    const [row]: Array<{ on_hand: number; allocated: number }> = await em.query(
      'SELECT on_hand, allocated FROM lot_stock WHERE lot_id = ? AND location_id = ? FOR UPDATE',
      [change.lot.id, change.locationId],
    );
    const bin = { onHand: Number(row?.on_hand ?? 0), allocated: Number(row?.allocated ?? 0) };
    const after = adjustedOnHand(bin, change.delta, change.what, change.field);
    if (row)
      await em.query('UPDATE lot_stock SET on_hand = ? WHERE lot_id = ? AND location_id = ?', [
        after,
        change.lot.id,
        change.locationId,
      ]);
    else
      await em.query('INSERT INTO lot_stock (lot_id, location_id, on_hand, allocated) VALUES (?, ?, ?, 0)', [
        change.lot.id,
        change.locationId,
        after,
      ]);
    if (change.reason !== 'count' || change.delta !== 0) await this.record(em, change);
    return after;
  }

  /** A ledger line without a bin change of its own (units discarded before put-away). */
  async record(
    em: EntityManager,
    change: Omit<BinChange, 'locationId' | 'what' | 'field'> & { locationId: string | null },
  ) {
    await em.getRepository(StockAdjustment).insert({
      id: randomUUID(),
      lotId: change.lot.id,
      locationId: change.locationId,
      skuId: change.lot.skuId,
      fulfillmentCenterId: change.lot.fulfillmentCenterId,
      farmId: change.lot.farmId ?? null,
      reason: change.reason,
      quantityDelta: change.delta,
      note: change.note ?? null,
      cycleCountId: change.cycleCountId ?? null,
      qaCaseId: change.qaCaseId ?? null,
      adjustedBy: change.by,
      adjustedAt: new Date(),
    });
  }

  /** A lot by its label, locked for the change. */
  async lotByBarcode(em: EntityManager, barcode: string, field: string): Promise<Lot> {
    const lot = await em
      .getRepository(Lot)
      .findOne({ where: { barcode }, lock: { mode: 'pessimistic_write' } });
    if (!lot) throw new UnknownLotError(barcode, field);
    return lot;
  }

  /** A bin of the center by its label, with its room. */
  async bin(em: EntityManager, fulfillmentCenterId: string, barcode: string, field: string): Promise<Bin> {
    const [row]: Array<{
      id: string;
      barcode: string;
      room_id: string;
      room_name: string;
      temperature_class: Bin['temperatureClass'];
      fulfillment_center_id: string;
    }> = await em.query(
      `SELECT loc.id, loc.barcode, r.id AS room_id, r.name AS room_name, r.temperature_class, r.fulfillment_center_id
         FROM location loc JOIN room r ON r.id = loc.room_id WHERE loc.barcode = ? AND r.fulfillment_center_id = ?
         LOCK IN SHARE MODE`,
      [barcode, fulfillmentCenterId],
    );
    if (!row) throw new UnknownBinError(barcode, field);
    return {
      id: row.id,
      barcode: row.barcode,
      roomId: row.room_id,
      roomName: row.room_name,
      temperatureClass: row.temperature_class,
      fulfillmentCenterId: row.fulfillment_center_id,
    };
  }
}
