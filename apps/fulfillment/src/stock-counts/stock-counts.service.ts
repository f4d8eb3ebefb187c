import { stockCountedV1, type StockCountedV1 } from '@harvest/contracts/fulfillment-stock-counted';
import { OutboxWriter } from '@harvest/platform/events';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chinaDate } from '../shared/domain/local-date';

/**
 * Announces the physical stock of a SKU at a center (fulfillment.stock-counted) in the transaction that
 * changed it. The version row is bumped first, so its lock orders concurrent announcements of one SKU.
 */
@Injectable()
export class StockCountsService {
  constructor(private readonly outbox: OutboxWriter) {}

  /** Returns the count announced, for events that carry it too (fulfillment.picked). */
  async announce(
    em: EntityManager,
    skuId: string,
    fulfillmentCenterId: string,
    today: string = chinaDate(),
  ): Promise<StockCountedV1> {
    await em.query(
      'INSERT INTO stock_count_version (sku_id, fulfillment_center_id, version, counted_on) VALUES (?, ?, 1, ?) ON DUPLICATE KEY UPDATE version = version + 1, counted_on = VALUES(counted_on)',
      [skuId, fulfillmentCenterId, today],
    );
    const [row]: Array<{
      version: number;
      on_hand: string | null;
      sellable: string | null;
      held: string | null;
    }> = await em.query(
      `SELECT v.version,
              (SELECT SUM(ls.on_hand) FROM lot JOIN lot_stock ls ON ls.lot_id = lot.id WHERE lot.sku_id = v.sku_id AND lot.fulfillment_center_id = v.fulfillment_center_id) AS on_hand,
              (SELECT SUM(ls.on_hand) FROM lot JOIN lot_stock ls ON ls.lot_id = lot.id WHERE lot.sku_id = v.sku_id AND lot.fulfillment_center_id = v.fulfillment_center_id AND lot.qa_hold = 0 AND lot.expiry_date >= ?) AS sellable,
              (SELECT SUM(ls.on_hand) FROM lot JOIN lot_stock ls ON ls.lot_id = lot.id WHERE lot.sku_id = v.sku_id AND lot.fulfillment_center_id = v.fulfillment_center_id AND lot.qa_hold = 1) AS held
         FROM stock_count_version v WHERE v.sku_id = ? AND v.fulfillment_center_id = ?`,
      [today, skuId, fulfillmentCenterId],
    );
    const event = await this.outbox.append(em, stockCountedV1, {
      key: `${skuId}@${fulfillmentCenterId}`,
      payload: {
        skuId,
        fulfillmentCenterId,
        onHand: Number(row!.on_hand ?? 0),
        sellable: Number(row!.sellable ?? 0),
        held: Number(row!.held ?? 0),
        version: Number(row!.version),
        countedAt: new Date().toISOString(),
      },
    });
    return event.payload;
  }

  /** One announcement per SKU and center of the given lots (after a QA hold or release). */
  async announceLots(em: EntityManager, lotIds: string[]): Promise<void> {
    if (lotIds.length === 0) return;
    const pairs: Array<{ sku_id: string; fulfillment_center_id: string }> = await em.query(
      `SELECT DISTINCT sku_id, fulfillment_center_id FROM lot WHERE id IN (${lotIds.map(() => '?').join(', ')}) ORDER BY sku_id, fulfillment_center_id`,
      lotIds,
    );
    for (const pair of pairs) await this.announce(em, pair.sku_id, pair.fulfillment_center_id);
  }
}
