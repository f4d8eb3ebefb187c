import { Database } from '@harvest/platform/database';
import { PeriodicJobProvider, sweepInBatches } from '@harvest/platform/scheduling';
import type { EntityManager } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { FULFILLMENT_CONFIG, type FulfillmentConfig } from '../config/fulfillment.config';
import { chinaDate } from '../shared/domain/local-date';
import { StockCountsService } from './stock-counts.service';

const BATCH = 50;

/**
 * Expiry changes the sellable count without any write: a lot is sellable up to its expiry date (China).
 * This job announces a new count for every SKU and center holding stock of a lot that expired since its
 * last count (counted_on), so orders stops selling it the day it expires. Every instance runs it; FOR UPDATE
 * SKIP LOCKED on the count rows gives each SKU to one of them, and the announcement moves counted_on to
 * today, so a SKU is announced once per day its stock expires.
 */
@Injectable()
export class StockExpiryJob extends PeriodicJobProvider<number> {
  constructor(
    private readonly db: Database,
    private readonly counts: StockCountsService,
    @Inject(FULFILLMENT_CONFIG) config: FulfillmentConfig,
  ) {
    super({ name: 'StockExpiry', everyMs: config.FULFILLMENT_EXPIRY_SWEEP_MS });
  }

  protected run(signal: AbortSignal): Promise<number> {
    return this.sweepAll(chinaDate(), signal);
  }

  /** Announces the counts expiry changed as of `today` (a China date); returns how many. One sweep at a time. */
  sweep(today: string = chinaDate()): Promise<number> {
    return this.job.runNow((signal) => this.sweepAll(today, signal));
  }

  private sweepAll(today: string, signal: AbortSignal): Promise<number> {
    return sweepInBatches((limit) => this.db.transaction((em) => this.announceBatch(em, today, limit)), {
      batchSize: BATCH,
      signal,
      onBatch: (announced, total) =>
        this.logger.log(`announced ${announced} count(s) changed by expiry, ${total} in this sweep`),
    });
  }

  private async announceBatch(em: EntityManager, today: string, limit: number): Promise<number> {
    const rows: Array<{ sku_id: string; fulfillment_center_id: string }> = await em.query(
      `SELECT v.sku_id, v.fulfillment_center_id FROM stock_count_version v
        WHERE (v.counted_on IS NULL OR v.counted_on < ?)
          AND EXISTS (SELECT 1 FROM lot JOIN lot_stock ls ON ls.lot_id = lot.id
                       WHERE lot.sku_id = v.sku_id AND lot.fulfillment_center_id = v.fulfillment_center_id AND ls.on_hand > 0
                         AND lot.expiry_date < ? AND (v.counted_on IS NULL OR lot.expiry_date >= v.counted_on))
        ORDER BY v.sku_id, v.fulfillment_center_id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
      [today, today],
    );
    for (const row of rows) await this.counts.announce(em, row.sku_id, row.fulfillment_center_id, today);
    return rows.length;
  }
}
