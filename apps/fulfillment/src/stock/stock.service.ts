import type { TemperatureClass } from '@harvest/contracts/produce';
import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import type { Principal } from '@harvest/platform/http';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assertCenterAccess, boundCenter } from '../center-access';
import { FulfillmentCenter } from '../facilities/entities/fulfillment-center.entity';
import { skuFitsRoom } from '../facilities/storage-rules';
import { addDays } from '../local-date';
import { fulfillmentProblem, notFound } from '../problems';
import { MAX_LOT_PIECES } from '../quantity-limits';
import { SkuSnapshotsService } from '../skus/sku-snapshots.service';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import type { PutAwayDto } from './dto/put-away.dto';
import type { ReceiveLotDto } from './dto/receive-lot.dto';
import { Lot } from './entities/lot.entity';
import { lotView, type LotView } from './lot.view';

/** Receiving lots at the dock and putting them away into bins of a room that fits the SKU. */
@Injectable()
export class StockService {
  constructor(
    private readonly db: Database,
    private readonly skus: SkuSnapshotsService,
    private readonly counts: StockCountsService,
  ) {}

  async receive(input: ReceiveLotDto, principal: Principal): Promise<LotView> {
    const fulfillmentCenterId =
      principal.role === 'scanner' ? boundCenter(principal) : input.fulfillmentCenterId;
    if (!fulfillmentCenterId)
      throw fulfillmentProblem(422, 'center-required', 'fulfillmentCenterId is required', {
        field: 'fulfillmentCenterId',
      });
    return this.db.transaction(async (em) => {
      if (!(await em.getRepository(FulfillmentCenter).existsBy({ id: fulfillmentCenterId })))
        throw notFound(`Fulfillment center ${fulfillmentCenterId}`);
      const sku = await this.skus.find(em, input.skuId);
      if (!sku)
        throw fulfillmentProblem(
          409,
          'unknown-sku',
          `SKU ${input.skuId} is not known here yet (no catalog.sku-changed received)`,
          { field: 'skuId' },
        );
      if (sku.soldBy === 'piece' && input.quantity > MAX_LOT_PIECES) {
        throw fulfillmentProblem(
          422,
          'lot-too-large',
          `A lot of a piece SKU holds at most ${MAX_LOT_PIECES} pieces`,
          { field: 'quantity' },
        );
      }
      const expiryDate = input.expiryDate ?? addDays(input.receiptDate, sku.shelfLifeDays);
      if (expiryDate < input.receiptDate)
        throw fulfillmentProblem(422, 'expiry-before-receipt', 'expiryDate is before receiptDate', {
          field: 'expiryDate',
        });
      const id = randomUUID();
      const barcode = input.barcode ?? `LOT-${id.slice(0, 8).toUpperCase()}`;
      const duplicate = () =>
        fulfillmentProblem(409, 'duplicate-lot-barcode', `A lot with barcode ${barcode} already exists`, {
          field: 'barcode',
        });
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
        receivedBy: `${principal.role}:${principal.subject}`,
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
      if (!lot) throw notFound(`Lot ${lotId}`);
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
        throw fulfillmentProblem(
          404,
          'unknown-location',
          `No location ${input.locationBarcode} in ${lot.fulfillmentCenterId}`,
          { field: 'locationBarcode' },
        );
      }
      const sku = await this.skus.find(em, lot.skuId);
      if (!sku) throw fulfillmentProblem(409, 'unknown-sku', `SKU ${lot.skuId} is not known here yet`);
      if (!skuFitsRoom(sku.temperatureClass, bin.temperature_class)) {
        throw fulfillmentProblem(
          409,
          'wrong-temperature-zone',
          `${sku.name} (${lot.skuId}) is ${sku.temperatureClass} and cannot go into ${bin.room_name}, a ${bin.temperature_class} room; put it away in a ${sku.temperatureClass} room`,
          {
            skuTemperatureClass: sku.temperatureClass,
            roomTemperatureClass: bin.temperature_class,
            roomId: bin.room_id,
          },
        );
      }
      if (input.quantity > lot.unplacedQuantity) {
        throw fulfillmentProblem(
          409,
          'more-than-received',
          `Only ${lot.unplacedQuantity} of lot ${lot.barcode} is waiting to be put away`,
          {
            field: 'quantity',
            unplacedQuantity: lot.unplacedQuantity,
          },
        );
      }
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
      if (!result.affected) throw notFound(`Lot ${lotId}`);
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
    if (!lot) throw notFound(`Lot ${lotId}`);
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
