import { stockChangedV1 } from '@harvest/contracts/inventory-stock-changed';
import { OutboxWriter } from '@harvest/platform/events';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StockLevel } from './entities/stock-level.entity';

/** Stock units of one SKU: pieces, or grams for a weighed SKU. */
export interface StockQuantity {
  skuId: string;
  quantity: number;
}

interface UpdateResult {
  affectedRows: number;
}

/**
 * Stock per SKU per fulfillment center. Every change is one conditional UPDATE whose WHERE clause states the
 * invariant (e.g. enough available), checked by its affected rows, and is announced with
 * inventory.stock-changed in the caller's transaction. Rows are locked in SKU order to avoid deadlocks.
 */
@Injectable()
export class InventoryService {
  constructor(private readonly outbox: OutboxWriter) {}

  /** Reserves every quantity or none: returns the SKUs that lack stock (the caller rolls back), else []. */
  async reserve(
    em: EntityManager,
    fulfillmentCenterId: string,
    quantities: StockQuantity[],
  ): Promise<string[]> {
    const short: string[] = [];
    for (const { skuId, quantity } of bySku(quantities)) {
      const result: UpdateResult = await em.query(
        `UPDATE stock_level SET reserved = reserved + ?, version = version + 1
         WHERE sku_id = ? AND fulfillment_center_id = ? AND on_hand - reserved >= ?`,
        [quantity, skuId, fulfillmentCenterId, quantity],
      );
      if (result.affectedRows === 1) await this.announce(em, skuId, fulfillmentCenterId);
      else short.push(skuId);
    }
    return short;
  }

  /** Returns reserved stock (cancel, expiry, or the unpicked part of a short pick). */
  async release(em: EntityManager, fulfillmentCenterId: string, quantities: StockQuantity[]): Promise<void> {
    for (const { skuId, quantity } of bySku(quantities)) {
      await em.query(
        `UPDATE stock_level SET reserved = IF(reserved >= ?, reserved - ?, 0), version = version + 1
         WHERE sku_id = ? AND fulfillment_center_id = ?`,
        [quantity, quantity, skuId, fulfillmentCenterId],
      );
      await this.announce(em, skuId, fulfillmentCenterId);
    }
  }

  /**
   * Picking took reserved stock off the shelf: both on hand and reserved drop by what was reserved. A short
   * pick's missing units go too (not found, damaged or expired stock is not sellable), so the count stays true.
   */
  async consume(em: EntityManager, fulfillmentCenterId: string, quantities: StockQuantity[]): Promise<void> {
    for (const { skuId, quantity } of bySku(quantities)) {
      await em.query(
        `UPDATE stock_level
         SET reserved = IF(reserved >= ?, reserved - ?, 0), on_hand = IF(on_hand >= ?, on_hand - ?, 0), version = version + 1
         WHERE sku_id = ? AND fulfillment_center_id = ?`,
        [quantity, quantity, quantity, quantity, skuId, fulfillmentCenterId],
      );
      await this.announce(em, skuId, fulfillmentCenterId);
    }
  }

  /** Sets the counted stock on hand (receipt or stock-take); refused (false) below what is reserved. */
  async setOnHand(
    em: EntityManager,
    skuId: string,
    fulfillmentCenterId: string,
    onHand: number,
  ): Promise<boolean> {
    await em.query(
      'INSERT IGNORE INTO stock_level (sku_id, fulfillment_center_id, on_hand, reserved, version) VALUES (?, ?, 0, 0, 0)',
      [skuId, fulfillmentCenterId],
    );
    const result: UpdateResult = await em.query(
      'UPDATE stock_level SET on_hand = ?, version = version + 1 WHERE sku_id = ? AND fulfillment_center_id = ? AND reserved <= ?',
      [onHand, skuId, fulfillmentCenterId, onHand],
    );
    if (result.affectedRows !== 1) return false;
    await this.announce(em, skuId, fulfillmentCenterId);
    return true;
  }

  /** Creates a stock row with this amount unless one exists (demo data, first receipt); true when created. */
  async createIfMissing(
    em: EntityManager,
    skuId: string,
    fulfillmentCenterId: string,
    onHand: number,
  ): Promise<boolean> {
    const result: UpdateResult = await em.query(
      'INSERT IGNORE INTO stock_level (sku_id, fulfillment_center_id, on_hand, reserved, version) VALUES (?, ?, ?, 0, 0)',
      [skuId, fulfillmentCenterId, onHand],
    );
    if (result.affectedRows !== 1) return false;
    await this.announce(em, skuId, fulfillmentCenterId);
    return true;
  }

  find(em: EntityManager, skuId: string, fulfillmentCenterId: string): Promise<StockLevel | null> {
    return em.getRepository(StockLevel).findOneBy({ skuId, fulfillmentCenterId });
  }

  private async announce(em: EntityManager, skuId: string, fulfillmentCenterId: string): Promise<void> {
    const level = await this.find(em, skuId, fulfillmentCenterId);
    if (!level) return;
    await this.outbox.append(em, stockChangedV1, {
      key: `${skuId}@${fulfillmentCenterId}`,
      payload: {
        skuId,
        fulfillmentCenterId,
        onHand: level.onHand,
        reserved: level.reserved,
        available: Math.max(0, level.onHand - level.reserved),
        version: level.version,
      },
    });
  }
}

function bySku(quantities: StockQuantity[]): StockQuantity[] {
  return [...quantities].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
}
