import type { TemperatureClass } from '@harvest/contracts/produce';
import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import { hasRole, principalName, type Principal } from '@harvest/platform/http';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assertCenterAccess, boundCenter } from '../shared/domain/center-access';
import { Facility } from '../facilities/entities/facility.entity';
import { KnownSkusService } from '../skus/known-skus.service';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import { assertPutAway, receivedLotExpiry } from './domain/lot-rules';
import {
  CenterRequiredError,
  DuplicateLotBarcodeError,
  UnknownLocationError,
  UnknownSkuError,
} from './domain/stock-errors';
import type { PutAwayDto } from './dto/put-away.dto';
import type { ReceiveLotDto } from './dto/receive-lot.dto';
import { Lot } from './entities/lot.entity';
import { lotView, type LotView } from './lot.view';

/** Receiving lots at the dock and putting them away into bins of a room that fits the SKU. */
@Injectable()
export class StockService {
  constructor(
    private readonly db: Database,
    private readonly skus: KnownSkusService,
    private readonly counts: StockCountsService,
  ) {}

  async receive(input: ReceiveLotDto, principal: Principal): Promise<LotView> {
    const fulfillmentCenterId = hasRole(principal, 'scanner')
      ? boundCenter(principal)
      : input.fulfillmentCenterId;
    if (!fulfillmentCenterId) throw new CenterRequiredError();
    return this.db.transaction(async (em) => {
      if (!(await em.getRepository(Facility).existsBy({ id: fulfillmentCenterId })))
        throw new NotFoundError(`Fulfillment center ${fulfillmentCenterId}`);
      const sku = await this.skus.find(em, input.skuId);
      if (!sku) throw new UnknownSkuError(input.skuId, 'skuId');
      const expiryDate = receivedLotExpiry(input, sku);
      const id = randomUUID();
      const barcode = input.barcode ?? `LOT-${id.slice(0, 8).toUpperCase()}`;
      const duplicate = () => new DuplicateLotBarcodeError(barcode);
      if (await em.getRepository(Lot).existsBy({ barcode })) throw duplicate();
      const lot = em.getRepository(Lot).create({
        id,
        barcode,
        skuId: input.skuId,
        fulfillmentCenterId,
        receivedQuantity: input.quantity,
        unplacedQuantity: input.quantity,
        receiptDate: input.receiptDate,
        expiryDate,
        qaHold: false,
        holdReason: null,
        receivedBy: principalName(principal),
      });
      // A concurrent receive of the same barcode passes the check above too; the unique key decides, as a 409.
      await em
        .getRepository(Lot)
        .insert(lot)
        .catch((error: unknown) => {
          throw isDuplicateKeyError(error) ? duplicate() : error;
        });
      return lotView(lot, []);
    });
  }

  /** Moves received quantity into a bin; the bin's room must fit the SKU's temperature class (409 otherwise). */
  async putAway(lotId: string, input: PutAwayDto, principal: Principal): Promise<LotView> {
    return this.db.transaction(async (em) => {
      const lot = await em
        .getRepository(Lot)
        .findOne({ where: { id: lotId }, lock: { mode: 'pessimistic_write' } });
      if (!lot) throw new NotFoundError(`Lot ${lotId}`);
      assertCenterAccess(principal, lot.fulfillmentCenterId, `Lot ${lotId}`);
      const [bin]: Array<{
        id: string;
        room_id: string;
        room_name: string;
        temperature_class: TemperatureClass;
        fulfillment_center_id: string;
      }> = await em.query(
        `SELECT loc.id, loc.room_id, r.name AS room_name, r.temperature_class, r.fulfillment_center_id
           FROM location loc JOIN room r ON r.id = loc.room_id WHERE loc.barcode = ? LOCK IN SHARE MODE`,
        [input.locationBarcode],
      );
      if (!bin || bin.fulfillment_center_id !== lot.fulfillmentCenterId) {
        throw new UnknownLocationError(input.locationBarcode, lot.fulfillmentCenterId);
      }
      const sku = await this.skus.find(em, lot.skuId);
      if (!sku) throw new UnknownSkuError(lot.skuId);
      assertPutAway(
        sku,
        { id: bin.room_id, name: bin.room_name, temperatureClass: bin.temperature_class },
        lot,
        input.quantity,
      );
      await em.query('UPDATE lot SET unplaced_quantity = unplaced_quantity - ? WHERE id = ?', [
        input.quantity,
        lot.id,
      ]);
      await em.query(
        'INSERT INTO lot_stock (lot_id, location_id, on_hand) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE on_hand = on_hand + VALUES(on_hand)',
        [lot.id, bin.id, input.quantity],
      );
      await this.counts.announce(em, lot.skuId, lot.fulfillmentCenterId);
      return this.view(em, lot.id);
    });
  }

  /** QA released a held lot (after an excursion was assessed): it may be allocated again. */
  async releaseHold(lotId: string): Promise<LotView> {
    return this.db.transaction(async (em) => {
      const result = await em.getRepository(Lot).update({ id: lotId }, { qaHold: false, holdReason: null });
      if (!result.affected) throw new NotFoundError(`Lot ${lotId}`);
      await this.counts.announceLots(em, [lotId]);
      return this.view(em, lotId);
    });
  }

  async lot(lotId: string, principal: Principal): Promise<LotView> {
    const view = await this.db.read((em) => this.view(em, lotId));
    assertCenterAccess(principal, view.fulfillmentCenterId, `Lot ${lotId}`);
    return view;
  }

  private async view(em: EntityManager, lotId: string): Promise<LotView> {
    const lot = await em.getRepository(Lot).findOneBy({ id: lotId });
    if (!lot) throw new NotFoundError(`Lot ${lotId}`);
    const rows: Array<{ location_id: string; barcode: string; on_hand: number; allocated: number }> =
      await em.query(
        'SELECT ls.location_id, loc.barcode, ls.on_hand, ls.allocated FROM lot_stock ls JOIN location loc ON loc.id = ls.location_id WHERE ls.lot_id = ? ORDER BY loc.barcode',
        [lotId],
      );
    return lotView(
      lot,
      rows.map((r) => ({
        locationId: r.location_id,
        locationBarcode: r.barcode,
        onHand: Number(r.on_hand),
        allocated: Number(r.allocated),
      })),
    );
  }
}
