import { Database } from '@harvest/platform/database';
import type { Principal } from '@harvest/platform/http';
import { Injectable } from '@nestjs/common';
import { assertSupervisor } from '../shared/domain/supervisor';
import { WASTE_REASONS } from '../stock-adjustments/domain/adjustment-rules';
import { wastePeriod } from './domain/waste-period';
import type { WasteQueryDto, WasteReportView } from './dto/waste.dto';

const REASONS_IN = WASTE_REASONS.map(() => '?').join(', ');

/** Spoilage, damage and QA discards from the stock ledger, by SKU, farm and reason. */
@Injectable()
export class WasteService {
  constructor(private readonly db: Database) {}

  async report(query: WasteQueryDto, principal: Principal): Promise<WasteReportView> {
    assertSupervisor(principal, query.fulfillmentCenterId);
    const { start, end } = wastePeriod(query.from, query.to);
    const rows: Array<{ sku_id: string; farm_id: string | null; reason: string; units: string }> =
      await this.db.read((em) =>
        em.query(
          `SELECT sku_id, farm_id, reason, -SUM(quantity_delta) AS units FROM stock_adjustment
            WHERE fulfillment_center_id = ? AND reason IN (${REASONS_IN}) AND adjusted_at >= ? AND adjusted_at < ?
            GROUP BY sku_id, farm_id, reason ORDER BY units DESC, sku_id, reason`,
          [query.fulfillmentCenterId, ...WASTE_REASONS, start, end],
        ),
      );
    return {
      fulfillmentCenterId: query.fulfillmentCenterId,
      from: query.from,
      to: query.to,
      rows: rows.map((r) => ({
        skuId: r.sku_id,
        farmId: r.farm_id,
        reason: r.reason,
        units: Number(r.units),
      })),
    };
  }

  /** All-time waste units per center and reason: only ever grows, so Prometheus can take increase() of it. */
  totals(): Promise<Array<{ center: string; reason: string; units: number }>> {
    return this.db.read(async (em) => {
      const rows: Array<{ center: string; reason: string; units: string }> = await em.query(
        `SELECT fulfillment_center_id AS center, reason, -SUM(quantity_delta) AS units FROM stock_adjustment
          WHERE reason IN (${REASONS_IN}) GROUP BY fulfillment_center_id, reason`,
        [...WASTE_REASONS],
      );
      return rows.map((r) => ({ center: r.center, reason: r.reason, units: Number(r.units) }));
    });
  }
}
