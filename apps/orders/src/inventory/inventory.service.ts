import type { StockSnapshot } from '@harvest/contracts/fulfillment-stock-counted';
import { stockChangedV1 } from '@harvest/contracts/inventory-stock-changed';
import { Database } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FulfillmentCenter } from './entities/fulfillment-center.entity';
import { StockLevel } from './entities/stock-level.entity';

/** Stock units of one SKU: pieces, or grams for a weighed SKU. */
export interface StockQuantity {
  skuId: string;
  quantity: number;
}

/** A count of one SKU at one center from fulfillment (fulfillment.stock-counted, or a picked event's snapshot). */
export type SellableCount = Pick<StockSnapshot, 'skuId' | 'sellable' | 'version'>;

type StockChangedEvent = ReturnType<typeof stockChangedV1.create>;

/** What reserve did: the SKUs short of stock, or else the events the caller must append in its transaction. */
export interface Reservation {
  short: string[];
  stockChanged: StockChangedEvent[];
}

interface UpdateResult {
  affectedRows: number;
}

/**
 * Reservations against fulfillment's sellable count, per SKU per fulfillment center. Fulfillment owns the
 * physical stock and sends its count (versioned); orders owns only `reserved`, so available = sellable -
 * reserved. Every change is one conditional UPDATE whose WHERE clause states its rule (enough available, a
 * newer count), and is announced with inventory.stock-changed in the caller's transaction. Rows are locked
 * in SKU order to avoid deadlocks.
 */
@Injectable()
export class InventoryService {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Reserves every quantity or none: the SKUs that lack stock (the caller rolls back), and the
   * inventory.stock-changed events of the reserved rows. The caller appends those in this transaction,
   * so checkout writes them together with its order.placed in one INSERT.
   */
  async reserve(
    em: EntityManager,
    fulfillmentCenterId: string,
    quantities: StockQuantity[],
  ): Promise<Reservation> {
    const short: string[] = [];
    const reserved: string[] = [];
    for (const { skuId, quantity } of bySku(quantities)) {
      // Written as sellable >= reserved + qty: the subtraction of two unsigned columns fails below zero.
      const result: UpdateResult = await em.query(
        `UPDATE stock_level SET reserved = reserved + ?, version = version + 1
         WHERE sku_id = ? AND fulfillment_center_id = ? AND sellable >= reserved + ?`,
        [quantity, skuId, fulfillmentCenterId, quantity],
      );
      (result.affectedRows === 1 ? reserved : short).push(skuId);
    }
    // A refusal rolls back: no events to announce, and no read for them.
    if (short.length > 0) return { short, stockChanged: [] };
    // One read for all the announcements (checkout's hot path): the rows are this transaction's, as updated.
    const levels: Array<Pick<StockLevel, 'skuId' | 'sellable' | 'reserved' | 'version'>> = await em.query(
      `SELECT sku_id AS skuId, sellable, reserved, version FROM stock_level
       WHERE fulfillment_center_id = ? AND sku_id IN (?)`,
      [fulfillmentCenterId, reserved],
    );
    // Keyed case-insensitively, as the column's collation compares the ids.
    const bySkuId = new Map(levels.map((level) => [level.skuId.toLowerCase(), level]));
    const stockChanged = reserved.flatMap((skuId) => {
      const level = bySkuId.get(skuId.toLowerCase());
      return level ? [this.stockChanged(skuId, fulfillmentCenterId, level)] : [];
    });
    return { short, stockChanged };
  }

  /** Returns reserved stock that will not be picked (cancel, expiry). */
  async release(em: EntityManager, fulfillmentCenterId: string, quantities: StockQuantity[]): Promise<void> {
    for (const { skuId, quantity } of bySku(quantities)) {
      await this.unreserve(em, skuId, fulfillmentCenterId, quantity);
      await this.announce(em, skuId, fulfillmentCenterId);
    }
  }

  /**
   * Picking ended (in full or short): each line's whole reservation ends, and the count fulfillment took
   * right after the pick replaces ours when newer, in this one transaction. A count not newer than ours was
   * taken before it, so ours already reflects the pick. Without a count (an event from a producer that did
   * not send one) the reserved units leave the sellable figure too: at worst an under-count until
   * fulfillment's next count, never an oversell.
   */
  async releasePicked(
    em: EntityManager,
    fulfillmentCenterId: string,
    quantities: StockQuantity[],
    countsAfter: SellableCount[] | undefined,
  ): Promise<void> {
    const counts = new Map((countsAfter ?? []).map((c) => [c.skuId, c]));
    for (const { skuId, quantity } of bySku(quantities)) {
      await this.unreserve(em, skuId, fulfillmentCenterId, quantity);
      const count = counts.get(skuId);
      if (count) await this.applyIfNewer(em, fulfillmentCenterId, count);
      else
        await em.query(
          `UPDATE stock_level SET sellable = IF(sellable >= ?, sellable - ?, 0)
           WHERE sku_id = ? AND fulfillment_center_id = ?`,
          [quantity, quantity, skuId, fulfillmentCenterId],
        );
      await this.announce(em, skuId, fulfillmentCenterId);
    }
  }

  /** Fulfillment's count (fulfillment.stock-counted): applied when newer than the one held; true if applied. */
  async applyCount(em: EntityManager, fulfillmentCenterId: string, count: SellableCount): Promise<boolean> {
    if (!(await this.applyIfNewer(em, fulfillmentCenterId, count))) return false;
    await this.announce(em, count.skuId, fulfillmentCenterId);
    return true;
  }

  /**
   * applyCount for a center orders serves; false, with nothing written, for one it does not (yet): such a
   * center has nothing to sell, and its counts come again with the next change.
   */
  async applyCountAtKnownCenter(
    em: EntityManager,
    fulfillmentCenterId: string,
    count: SellableCount,
  ): Promise<boolean> {
    if (!(await em.getRepository(FulfillmentCenter).existsBy({ id: fulfillmentCenterId }))) return false;
    await this.applyCount(em, fulfillmentCenterId, count);
    return true;
  }

  /**
   * An admin's (or the demo seed's) sellable figure for when fulfillment has not counted the SKU yet. The
   * count's version is kept, so fulfillment's next count replaces the baseline.
   */
  async setBaseline(
    em: EntityManager,
    skuId: string,
    fulfillmentCenterId: string,
    sellable: number,
  ): Promise<void> {
    await this.ensureRow(em, skuId, fulfillmentCenterId, 0);
    await em.query(
      'UPDATE stock_level SET sellable = ?, version = version + 1 WHERE sku_id = ? AND fulfillment_center_id = ?',
      [sellable, skuId, fulfillmentCenterId],
    );
    await this.announce(em, skuId, fulfillmentCenterId);
  }

  /** An admin's baseline (see setBaseline) in its own transaction; false, with nothing written, for an unknown center. */
  setBaselineAtKnownCenter(fulfillmentCenterId: string, skuId: string, sellable: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      if (!(await em.getRepository(FulfillmentCenter).existsBy({ id: fulfillmentCenterId }))) return false;
      await this.setBaseline(em, skuId, fulfillmentCenterId, sellable);
      return true;
    });
  }

  /** Creates a row with this baseline (count version 0) unless one exists; true when created. */
  async createIfMissing(
    em: EntityManager,
    skuId: string,
    fulfillmentCenterId: string,
    sellable: number,
  ): Promise<boolean> {
    if (!(await this.ensureRow(em, skuId, fulfillmentCenterId, sellable))) return false;
    await this.announce(em, skuId, fulfillmentCenterId);
    return true;
  }

  private async ensureRow(
    em: EntityManager,
    skuId: string,
    fulfillmentCenterId: string,
    sellable: number,
  ): Promise<boolean> {
    const result: UpdateResult = await em.query(
      `INSERT IGNORE INTO stock_level (sku_id, fulfillment_center_id, sellable, sellable_version, reserved, version)
       VALUES (?, ?, ?, 0, 0, 0)`,
      [skuId, fulfillmentCenterId, sellable],
    );
    return result.affectedRows === 1;
  }

  private async unreserve(
    em: EntityManager,
    skuId: string,
    fulfillmentCenterId: string,
    quantity: number,
  ): Promise<void> {
    await em.query(
      `UPDATE stock_level SET reserved = IF(reserved >= ?, reserved - ?, 0), version = version + 1
       WHERE sku_id = ? AND fulfillment_center_id = ?`,
      [quantity, quantity, skuId, fulfillmentCenterId],
    );
  }

  private async applyIfNewer(
    em: EntityManager,
    fulfillmentCenterId: string,
    { skuId, sellable, version }: SellableCount,
  ): Promise<boolean> {
    await this.ensureRow(em, skuId, fulfillmentCenterId, 0);
    const result: UpdateResult = await em.query(
      `UPDATE stock_level SET sellable = ?, sellable_version = ?, version = version + 1
       WHERE sku_id = ? AND fulfillment_center_id = ? AND sellable_version < ?`,
      [sellable, version, skuId, fulfillmentCenterId, version],
    );
    return result.affectedRows === 1;
  }

  private async announce(em: EntityManager, skuId: string, fulfillmentCenterId: string): Promise<void> {
    // A plain query, not find(): it runs once per changed line (release, pick, count), and hydration costs.
    const [level]: Array<Pick<StockLevel, 'sellable' | 'reserved' | 'version'>> = await em.query(
      'SELECT sellable, reserved, version FROM stock_level WHERE sku_id = ? AND fulfillment_center_id = ? LIMIT 1',
      [skuId, fulfillmentCenterId],
    );
    if (level) await this.outbox.appendMany(em, [this.stockChanged(skuId, fulfillmentCenterId, level)]);
  }

  private stockChanged(
    skuId: string,
    fulfillmentCenterId: string,
    level: Pick<StockLevel, 'sellable' | 'reserved' | 'version'>,
  ): StockChangedEvent {
    return this.outbox.envelope(stockChangedV1, {
      key: `${skuId}@${fulfillmentCenterId}`,
      payload: {
        skuId,
        fulfillmentCenterId,
        onHand: level.sellable,
        reserved: level.reserved,
        available: Math.max(0, level.sellable - level.reserved),
        version: level.version,
      },
    });
  }
}

function bySku(quantities: StockQuantity[]): StockQuantity[] {
  return [...quantities].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
}
