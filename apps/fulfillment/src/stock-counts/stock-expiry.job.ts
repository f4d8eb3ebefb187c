import { Database } from '@harvest/platform/database';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FULFILLMENT_CONFIG, type FulfillmentConfig } from '../config/fulfillment-config';
import { chinaDate } from '../local-date';
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
export class StockExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StockExpiry');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly counts: StockCountsService,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.FULFILLMENT_EXPIRY_SWEEP_MS;
    if (every === 0) return;
    this.timer = setInterval(() => void this.sweep().catch((e) => this.logger.error(`sweep failed: ${(e as Error).message}`)), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Announces the counts expiry changed as of `today` (a China date); returns how many. One sweep at a time. */
  sweep(today: string = chinaDate()): Promise<number> {
    this.running ??= this.sweepAll(today).finally(() => (this.running = null));
    return this.running;
  }

  private async sweepAll(today: string): Promise<number> {
    let total = 0;
    for (;;) {
      const announced = await this.db.transaction(async (em) => {
        const rows: Array<{ sku_id: string; fulfillment_center_id: string }> = await em.query(
          `SELECT v.sku_id, v.fulfillment_center_id FROM stock_count_version v
            WHERE (v.counted_on IS NULL OR v.counted_on < ?)
              AND EXISTS (SELECT 1 FROM lot JOIN lot_stock ls ON ls.lot_id = lot.id
                           WHERE lot.sku_id = v.sku_id AND lot.fulfillment_center_id = v.fulfillment_center_id AND ls.on_hand > 0
                             AND lot.expiry_date < ? AND (v.counted_on IS NULL OR lot.expiry_date >= v.counted_on))
            ORDER BY v.sku_id, v.fulfillment_center_id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [today, today],
        );
        for (const row of rows) await this.counts.announce(em, row.sku_id, row.fulfillment_center_id, today);
        return rows.length;
      });
      total += announced;
      if (announced > 0) this.logger.log(`announced ${announced} count(s) changed by expiry, ${total} in this sweep`);
      if (announced < BATCH) return total;
    }
  }
}
