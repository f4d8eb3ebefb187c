import { Database } from '@harvest/platform/database';
import { hasRole, principalName, type Principal } from '@harvest/platform/http';
import { pickerOf } from '../picking/domain/picker';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assertCenterAccess } from '../shared/domain/center-access';
import { KnownSkusService } from '../skus/known-skus.service';
import { UnknownSkuError } from '../stock/domain/stock-errors';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import { adjustmentDelta, assertMove, assertReasonAllowed } from './domain/adjustment-rules';
import type { StockAdjustmentDto, StockMoveDto } from './dto/stock-adjustment.dto';
import type { StockAdjustmentView, StockMoveView } from './dto/stock-adjustment-views.dto';
import { StockMove } from './entities/stock-move.entity';
import { StockLedgerService } from './stock-ledger.service';

/**
 * Adjustments with a reason (spoilage, damage, QA discard, found) and moves between bins or rooms. Each
 * writes the ledger and announces the SKU's count (fulfillment.stock-counted) in its transaction, so
 * orders' sellable figure follows; a move keeps the total but is announced too (a new version).
 */
@Injectable()
export class StockAdjustmentsService {
  constructor(
    private readonly db: Database,
    private readonly ledger: StockLedgerService,
    private readonly skus: KnownSkusService,
    private readonly counts: StockCountsService,
  ) {}

  async adjust(
    input: StockAdjustmentDto,
    principal: Principal,
    pickerBadge?: string,
  ): Promise<StockAdjustmentView> {
    const by = pickerOf(principalName(principal), pickerBadge);
    assertReasonAllowed(input.reason, !hasRole(principal, 'admin', 'agent'));
    return this.db.transaction(async (em) => {
      const lot = await this.ledger.lotByBarcode(em, input.lotBarcode, 'lotBarcode');
      assertCenterAccess(principal, lot.fulfillmentCenterId, `Lot ${input.lotBarcode}`);
      const bin = await this.ledger.bin(
        em,
        lot.fulfillmentCenterId,
        input.locationBarcode,
        'locationBarcode',
      );
      const delta = adjustmentDelta(input.reason, input.quantity);
      const onHandAfter = await this.ledger.change(em, {
        lot,
        locationId: bin.id,
        delta,
        reason: input.reason,
        note: input.note,
        by,
        what: `Taking ${input.quantity} of lot ${lot.barcode} out of ${bin.barcode}`,
        field: 'quantity',
      });
      await this.counts.announce(em, lot.skuId, lot.fulfillmentCenterId);
      return {
        lotId: lot.id,
        lotBarcode: lot.barcode,
        skuId: lot.skuId,
        locationBarcode: bin.barcode,
        reason: input.reason,
        quantityDelta: delta,
        onHandAfter,
      };
    });
  }

  async move(input: StockMoveDto, principal: Principal, pickerBadge?: string): Promise<StockMoveView> {
    const by = pickerOf(principalName(principal), pickerBadge);
    return this.db.transaction(async (em) => {
      const lot = await this.ledger.lotByBarcode(em, input.lotBarcode, 'lotBarcode');
      assertCenterAccess(principal, lot.fulfillmentCenterId, `Lot ${input.lotBarcode}`);
      const from = await this.ledger.bin(
        em,
        lot.fulfillmentCenterId,
        input.fromLocationBarcode,
        'fromLocationBarcode',
      );
      const to = await this.ledger.bin(
        em,
        lot.fulfillmentCenterId,
        input.toLocationBarcode,
        'toLocationBarcode',
      );
      const sku = await this.skus.find(em, lot.skuId);
      if (!sku) throw new UnknownSkuError(lot.skuId);
      const [row]: Array<{ on_hand: number; allocated: number }> = await em.query(
        'SELECT on_hand, allocated FROM lot_stock WHERE lot_id = ? AND location_id = ? FOR UPDATE',
        [lot.id, from.id],
      );
      assertMove(
        sku,
        { locationId: from.id, onHand: Number(row?.on_hand ?? 0), allocated: Number(row?.allocated ?? 0) },
        {
          locationId: to.id,
          room: { id: to.roomId, name: to.roomName, temperatureClass: to.temperatureClass },
        },
        input.quantity,
      );
      // A move is not an adjustment (nothing came or went): stock_move records it, not the ledger.
      const fromOnHandAfter = await this.moveUnits(em, lot.id, from.id, -input.quantity);
      const toOnHandAfter = await this.moveUnits(em, lot.id, to.id, input.quantity);
      await em.getRepository(StockMove).insert({
        id: randomUUID(),
        lotId: lot.id,
        fromLocationId: from.id,
        toLocationId: to.id,
        quantity: input.quantity,
        movedBy: by,
        movedAt: new Date(),
      });
      await this.counts.announce(em, lot.skuId, lot.fulfillmentCenterId);
      return {
        lotId: lot.id,
        lotBarcode: lot.barcode,
        skuId: lot.skuId,
        fromLocationBarcode: from.barcode,
        toLocationBarcode: to.barcode,
        quantity: input.quantity,
        fromOnHandAfter,
        toOnHandAfter,
      };
    });
  }

  private async moveUnits(em: EntityManager, lotId: string, locationId: string, delta: number) {
    await em.query(
      'INSERT INTO lot_stock (lot_id, location_id, on_hand, allocated) VALUES (?, ?, ?, 0) ON DUPLICATE KEY UPDATE on_hand = on_hand + ?',
      [lotId, locationId, Math.max(delta, 0), delta],
    );
    const [row]: Array<{ on_hand: number }> = await em.query(
      'SELECT on_hand FROM lot_stock WHERE lot_id = ? AND location_id = ?',
      [lotId, locationId],
    );
    return Number(row!.on_hand);
  }
}
