import { fulfillmentDeliveredV1 } from '@harvest/contracts/fulfillment-delivered';
import { fulfillmentPackedV1 } from '@harvest/contracts/fulfillment-packed';
import { fulfillmentShippedV1 } from '@harvest/contracts/fulfillment-shipped';
import { Database } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import { OutboxWriter } from '@harvest/platform/events';
import { principalName, type Principal } from '@harvest/platform/http';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertCenterAccess } from '../shared/domain/center-access';
import { FULFILLMENT_CONFIG, type FulfillmentConfig } from '../config/fulfillment.config';
import { FulfillmentOrderLine } from '../fulfillment-orders/entities/fulfillment-order-line.entity';
import {
  FulfillmentOrder,
  type FulfillmentOrderStatus,
} from '../fulfillment-orders/entities/fulfillment-order.entity';
import type { DeliverOrderDto, PackOrderDto, ShipOrderDto } from './dto/pack-order.dto';
import { Parcel } from './entities/parcel.entity';
import { assertCanBecome, type DispatchStep } from './domain/dispatch-steps';
import { weighPickedLines } from './domain/pack-lines';
import { planParcels, type PackingRules } from './domain/packing-plan';

/** Packing (box, coolant, actual weights) and the hand-over to the carrier and to the customer. */
@Injectable()
export class PackingService {
  private readonly rules: PackingRules;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxWriter,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
  ) {
    this.rules = {
      coolantMinPercent: config.FULFILLMENT_COOLANT_MIN_PERCENT,
      coolantMaxPercent: config.FULFILLMENT_COOLANT_MAX_PERCENT,
      coolantMaxTransitHours: config.FULFILLMENT_COOLANT_MAX_TRANSIT_HOURS,
      summerExtraPercent: config.FULFILLMENT_COOLANT_SUMMER_EXTRA_PERCENT,
      insulatedBoxGrams: config.FULFILLMENT_INSULATED_BOX_GRAMS,
      cartonGrams: config.FULFILLMENT_CARTON_GRAMS,
    };
  }

  async pack(orderId: string, input: PackOrderDto, principal: Principal) {
    return this.db.transaction(async (em) => {
      const order = await this.lockOrder(em, orderId, principal, 'packed');
      const lines = await em.getRepository(FulfillmentOrderLine).findBy({ orderId });
      const pickedRows: Array<{ sku_id: string; picked: string }> = await em.query(
        "SELECT sku_id, SUM(picked_quantity) AS picked FROM pick_task WHERE order_id = ? AND status IN ('picked', 'short') GROUP BY sku_id",
        [orderId],
      );
      const pickedSkus = new Set(pickedRows.filter((r) => Number(r.picked) > 0).map((r) => r.sku_id));
      const weights = weighPickedLines(orderId, input.lines, pickedSkus);
      const packedAt = new Date();
      const items = lines
        .filter((l) => weights.has(l.skuId))
        .map((l) => ({ skuId: l.skuId, temperatureClass: l.temperatureClass, grams: weights.get(l.skuId)! }));
      const planned = planParcels(
        items,
        this.rules,
        input.transitHours ?? this.config.FULFILLMENT_TRANSIT_HOURS,
        packedAt,
      );
      const parcels = planned.map((p, i) =>
        em.getRepository(Parcel).create({
          id: `${orderId}-P${i + 1}`,
          orderId,
          packaging: p.packaging,
          coolant: p.coolant,
          coolantGrams: p.coolantGrams,
          productGrams: p.productGrams,
          grossWeightGrams: p.grossWeightGrams,
        }),
      );
      await em.getRepository(Parcel).insert(parcels);
      const weighed = lines.filter((l) => l.soldBy === 'weight' && weights.has(l.skuId));
      for (const line of weighed)
        await em
          .getRepository(FulfillmentOrderLine)
          .update({ orderId, skuId: line.skuId }, { actualWeightGrams: weights.get(line.skuId)! });
      await this.transition(em, order, 'packed', { packedAt });
      const payload = {
        orderId,
        fulfillmentCenterId: order.fulfillmentCenterId,
        weighedLines: weighed.map((l) => ({ skuId: l.skuId, actualWeightGrams: weights.get(l.skuId)! })),
        parcels: parcels.map((p) => ({
          parcelId: p.id,
          packaging: p.packaging,
          coolant: p.coolant,
          grossWeightGrams: p.grossWeightGrams,
        })),
        packedBy: principalName(principal),
        packedAt: packedAt.toISOString(),
      };
      await this.outbox.append(em, fulfillmentPackedV1, { key: orderId, payload });
      return {
        ...payload,
        parcels: parcels.map((p, i) => ({
          ...payload.parcels[i]!,
          coolantGrams: p.coolantGrams,
          productGrams: p.productGrams,
          skuIds: planned[i]!.skuIds,
        })),
      };
    });
  }

  async ship(orderId: string, input: ShipOrderDto, principal: Principal) {
    return this.db.transaction(async (em) => {
      const order = await this.lockOrder(em, orderId, principal, 'shipped');
      const shippedAt = new Date();
      await this.transition(em, order, 'shipped', {
        shippedAt,
        carrier: input.carrier,
        trackingNumber: input.trackingNumber,
      });
      const payload = {
        orderId,
        fulfillmentCenterId: order.fulfillmentCenterId,
        carrier: input.carrier,
        trackingNumber: input.trackingNumber,
        shippedAt: shippedAt.toISOString(),
      };
      await this.outbox.append(em, fulfillmentShippedV1, { key: orderId, payload });
      return payload;
    });
  }

  async deliver(orderId: string, input: DeliverOrderDto, principal: Principal) {
    return this.db.transaction(async (em) => {
      const order = await this.lockOrder(em, orderId, principal, 'delivered');
      const deliveredAt = new Date();
      await this.transition(em, order, 'delivered', { deliveredAt });
      const payload = {
        orderId,
        fulfillmentCenterId: order.fulfillmentCenterId,
        receivedBy: input.receivedBy,
        deliveredAt: deliveredAt.toISOString(),
      };
      await this.outbox.append(em, fulfillmentDeliveredV1, { key: orderId, payload });
      return payload;
    });
  }

  private async lockOrder(
    em: EntityManager,
    orderId: string,
    principal: Principal,
    to: DispatchStep,
  ): Promise<FulfillmentOrder> {
    const order = await em
      .getRepository(FulfillmentOrder)
      .findOne({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order) throw new NotFoundError(`Order ${orderId}`);
    assertCenterAccess(principal, order.fulfillmentCenterId, `Order ${orderId}`);
    assertCanBecome(order, to);
    return order;
  }

  private async transition(
    em: EntityManager,
    order: FulfillmentOrder,
    status: FulfillmentOrderStatus,
    changes: Partial<FulfillmentOrder>,
  ): Promise<void> {
    await em.getRepository(FulfillmentOrder).update({ orderId: order.orderId }, { ...changes, status });
  }
}
