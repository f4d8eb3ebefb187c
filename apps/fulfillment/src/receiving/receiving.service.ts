import type { TemperatureClass } from '@harvest/contracts/produce';
import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import { principalName, type Principal } from '@harvest/platform/http';
import { pickerOf } from '../picking/domain/picker';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Facility } from '../facilities/entities/facility.entity';
import { assertCenterAccess } from '../shared/domain/center-access';
import { chinaDate } from '../shared/domain/local-date';
import { KnownSkusService } from '../skus/known-skus.service';
import { LotTooLargeError, DuplicateLotBarcodeError, UnknownSkuError } from '../stock/domain/stock-errors';
import { Lot } from '../stock/entities/lot.entity';
import { MAX_LOT_PIECES } from '../shared/domain/quantity-limits';
import {
  assertHarvestBeforeDelivery,
  dockTemperatureVerdict,
  harvestedLotExpiry,
  lineStatus,
  suggestPutAway,
  type CandidateBin,
} from './domain/receipt-rules';
import {
  DeliveryClosedError,
  DuplicateDeliveryLineError,
  ExpectedDeliveryNotFoundError,
} from './domain/receiving-errors';
import type { CreateExpectedDeliveryDto, ReceiveAgainstDeliveryDto } from './dto/expected-delivery.dto';
import type { ExpectedDeliveryView, ReceiptView } from './dto/receiving-views.dto';
import { ExpectedDeliveryLine } from './entities/expected-delivery-line.entity';
import { ExpectedDelivery } from './entities/expected-delivery.entity';

/**
 * Receiving against advance shipping notices from our farms. A receipt makes a lot (not yet in a bin, so
 * not yet counted: put-away announces it), dated from the harvest, on QA hold when the dock temperature is
 * out of its class's range, with the bins to put it away in. Over, under and unexpected receipt are taken
 * as they come and shown per line; closing the notice turns what is missing into short lines.
 */
@Injectable()
export class ReceivingService {
  constructor(
    private readonly db: Database,
    private readonly skus: KnownSkusService,
  ) {}

  async create(input: CreateExpectedDeliveryDto, principal: Principal): Promise<ExpectedDeliveryView> {
    const seen = new Map<string, number>();
    input.lines.forEach((line, i) => {
      if (seen.has(line.skuId)) throw new DuplicateDeliveryLineError(line.skuId, i);
      seen.set(line.skuId, i);
    });
    assertHarvestBeforeDelivery(input.expectedOn, input.lines);
    return this.db.transaction(async (em) => {
      if (!(await em.getRepository(Facility).existsBy({ id: input.fulfillmentCenterId })))
        throw new NotFoundError(`Fulfillment center ${input.fulfillmentCenterId}`, {
          field: 'fulfillmentCenterId',
          extensions: { field: 'fulfillmentCenterId' },
        });
      const known = await this.skus.findMany(
        em,
        input.lines.map((l) => l.skuId),
      );
      input.lines.forEach((line, i) => {
        const sku = known.get(line.skuId);
        if (!sku) throw new UnknownSkuError(line.skuId, `lines[${i}].skuId`);
        if (sku.soldBy === 'piece' && line.quantity > MAX_LOT_PIECES)
          throw new LotTooLargeError(MAX_LOT_PIECES);
      });
      const id = randomUUID();
      await em.getRepository(ExpectedDelivery).insert({
        id,
        fulfillmentCenterId: input.fulfillmentCenterId,
        farmId: input.farmId,
        reference: input.reference ?? null,
        expectedOn: input.expectedOn,
        status: 'open',
        createdBy: principalName(principal),
        createdAt: new Date(),
        closedAt: null,
        closedBy: null,
      });
      await em.getRepository(ExpectedDeliveryLine).insert(
        input.lines.map((line) => ({
          expectedDeliveryId: id,
          skuId: line.skuId,
          expectedQuantity: line.quantity,
          harvestDate: line.harvestDate,
          receivedQuantity: 0,
        })),
      );
      return this.view(em, id);
    });
  }

  async get(deliveryId: string, principal: Principal): Promise<ExpectedDeliveryView> {
    const view = await this.db.read((em) => this.view(em, deliveryId));
    assertCenterAccess(principal, view.fulfillmentCenterId, `Expected delivery ${deliveryId}`);
    return view;
  }

  async receive(
    deliveryId: string,
    input: ReceiveAgainstDeliveryDto,
    principal: Principal,
    pickerBadge?: string,
  ): Promise<ReceiptView> {
    const by = pickerOf(principalName(principal), pickerBadge);
    return this.db.transaction(async (em) => {
      const delivery = await em
        .getRepository(ExpectedDelivery)
        .findOne({ where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
      if (!delivery) throw new ExpectedDeliveryNotFoundError(deliveryId);
      assertCenterAccess(principal, delivery.fulfillmentCenterId, `Expected delivery ${deliveryId}`);
      if (delivery.status !== 'open') throw new DeliveryClosedError(deliveryId);
      const sku = await this.skus.find(em, input.skuId);
      if (!sku) throw new UnknownSkuError(input.skuId, 'skuId');
      if (sku.soldBy === 'piece' && input.quantity > MAX_LOT_PIECES)
        throw new LotTooLargeError(MAX_LOT_PIECES);
      const lines = em.getRepository(ExpectedDeliveryLine);
      const line = await lines.findOneBy({ expectedDeliveryId: deliveryId, skuId: input.skuId });
      const receiptDate = chinaDate();
      const { harvestDate, expiryDate } = harvestedLotExpiry(
        { lineHarvestDate: line?.harvestDate ?? null, crateHarvestDate: input.harvestDate, skuId: sku.skuId },
        sku.shelfLifeDays,
        receiptDate,
      );
      const dock = dockTemperatureVerdict(sku.temperatureClass, input.dockCelsius);
      const id = randomUUID();
      const barcode = input.barcode ?? `LOT-${id.slice(0, 8).toUpperCase()}`;
      const lot: Lot = em.getRepository(Lot).create({
        id,
        barcode,
        skuId: sku.skuId,
        fulfillmentCenterId: delivery.fulfillmentCenterId,
        receivedQuantity: input.quantity,
        unplacedQuantity: input.quantity,
        receiptDate,
        expiryDate,
        qaHold: !dock.inRange,
        holdReason: dock.inRange ? null : dock.holdReason,
        receivedBy: by,
        expectedDeliveryId: deliveryId,
        farmId: delivery.farmId,
        harvestDate,
        dockCelsius: input.dockCelsius,
      });
      if (await em.getRepository(Lot).existsBy({ barcode })) throw new DuplicateLotBarcodeError(barcode);
      // A concurrent receipt of the same label passes the check too; the unique key decides, as a 409.
      await em
        .getRepository(Lot)
        .insert(lot)
        .catch((error: unknown) => {
          throw isDuplicateKeyError(error) ? new DuplicateLotBarcodeError(barcode) : error;
        });
      if (line)
        await lines.increment(
          { expectedDeliveryId: deliveryId, skuId: sku.skuId },
          'receivedQuantity',
          input.quantity,
        );
      else
        await lines.insert({
          expectedDeliveryId: deliveryId,
          skuId: sku.skuId,
          expectedQuantity: 0,
          harvestDate,
          receivedQuantity: input.quantity,
        });
      const expected = line?.expectedQuantity ?? 0;
      const received = (line?.receivedQuantity ?? 0) + input.quantity;
      const bins = await this.candidateBins(em, delivery.fulfillmentCenterId, sku.skuId);
      return {
        lot: {
          id,
          barcode,
          skuId: sku.skuId,
          fulfillmentCenterId: delivery.fulfillmentCenterId,
          receivedQuantity: input.quantity,
          unplacedQuantity: input.quantity,
          receiptDate,
          harvestDate,
          expiryDate,
          farmId: delivery.farmId,
          dockCelsius: input.dockCelsius,
          qaHold: lot.qaHold,
          holdReason: lot.holdReason,
        },
        line: {
          skuId: sku.skuId,
          expectedQuantity: expected,
          receivedQuantity: received,
          harvestDate: line?.harvestDate ?? harvestDate,
          status: lineStatus(expected, received, false),
        },
        putAway: {
          temperatureClass: sku.temperatureClass,
          suggestedLocations: suggestPutAway(sku.temperatureClass, bins).map((bin) => ({
            barcode: bin.barcode,
            roomId: bin.roomId,
            roomName: bin.roomName,
            roomTemperatureClass: bin.roomClass,
          })),
        },
      };
    });
  }

  /** The truck is unloaded: what did not come is short from now on, and nothing more is received on it. */
  async close(deliveryId: string, principal: Principal, pickerBadge?: string): Promise<ExpectedDeliveryView> {
    const by = pickerOf(principalName(principal), pickerBadge);
    return this.db.transaction(async (em) => {
      const delivery = await em
        .getRepository(ExpectedDelivery)
        .findOne({ where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
      if (!delivery) throw new ExpectedDeliveryNotFoundError(deliveryId);
      assertCenterAccess(principal, delivery.fulfillmentCenterId, `Expected delivery ${deliveryId}`);
      // Closing twice (a retry under a new key) answers the closed notice.
      if (delivery.status === 'open')
        await em
          .getRepository(ExpectedDelivery)
          .update({ id: deliveryId }, { status: 'closed', closedAt: new Date(), closedBy: by });
      return this.view(em, deliveryId);
    });
  }

  private async candidateBins(em: EntityManager, centerId: string, skuId: string): Promise<CandidateBin[]> {
    const rows: Array<{
      barcode: string;
      room_id: string;
      room_name: string;
      temperature_class: TemperatureClass;
      sku_on_hand: string | null;
      on_hand: string | null;
    }> = await em.query(
      `SELECT loc.barcode, r.id AS room_id, r.name AS room_name, r.temperature_class,
              SUM(CASE WHEN lot.sku_id = ? THEN ls.on_hand ELSE 0 END) AS sku_on_hand,
              SUM(ls.on_hand) AS on_hand
         FROM location loc JOIN room r ON r.id = loc.room_id
         LEFT JOIN lot_stock ls ON ls.location_id = loc.id
         LEFT JOIN lot ON lot.id = ls.lot_id
        WHERE r.fulfillment_center_id = ?
        GROUP BY loc.id, loc.barcode, r.id, r.name, r.temperature_class`,
      [skuId, centerId],
    );
    return rows.map((row) => ({
      barcode: row.barcode,
      roomId: row.room_id,
      roomName: row.room_name,
      roomClass: row.temperature_class,
      skuOnHand: Number(row.sku_on_hand ?? 0),
      onHand: Number(row.on_hand ?? 0),
    }));
  }

  private async view(em: EntityManager, deliveryId: string): Promise<ExpectedDeliveryView> {
    const delivery = await em.getRepository(ExpectedDelivery).findOneBy({ id: deliveryId });
    if (!delivery) throw new ExpectedDeliveryNotFoundError(deliveryId);
    const lines = await em
      .getRepository(ExpectedDeliveryLine)
      .find({ where: { expectedDeliveryId: deliveryId }, order: { skuId: 'ASC' } });
    const closed = delivery.status === 'closed';
    return {
      id: delivery.id,
      fulfillmentCenterId: delivery.fulfillmentCenterId,
      farmId: delivery.farmId,
      reference: delivery.reference,
      expectedOn: delivery.expectedOn,
      status: delivery.status,
      lines: lines.map((line) => ({
        skuId: line.skuId,
        expectedQuantity: line.expectedQuantity,
        receivedQuantity: line.receivedQuantity,
        harvestDate: line.harvestDate,
        status: lineStatus(line.expectedQuantity, line.receivedQuantity, closed),
      })),
    };
  }
}
