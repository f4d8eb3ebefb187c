import { defineGauge } from '@harvest/platform/observability';
import { PeriodicJobProvider } from '@harvest/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import { FULFILLMENT_CONFIG, type FulfillmentConfig } from '../config/fulfillment.config';
import { WasteService } from './waste.service';

/**
 * Waste units (pieces, or grams of weighed SKUs) per center and reason since the ledger began, read from the
 * database: the same on every instance (take max), and it only grows, so `increase(...[7d])` is the week's
 * waste. Per SKU and farm: GET /waste.
 */
export const wasteUnits = defineGauge(
  'harvest_fulfillment_waste_units',
  'Units written off as spoilage, damage or QA discard since the ledger began, per center and reason.',
  ['fulfillment_center', 'reason'],
);

@Injectable()
export class WasteMetricsJob extends PeriodicJobProvider<number> {
  constructor(
    private readonly waste: WasteService,
    @Inject(FULFILLMENT_CONFIG) config: FulfillmentConfig,
  ) {
    super({ name: 'WasteMetrics', everyMs: config.FULFILLMENT_GAUGES_MS });
  }

  protected run(): Promise<number> {
    return this.refresh();
  }

  async refresh(): Promise<number> {
    const totals = await this.waste.totals();
    for (const { center, reason, units } of totals)
      wasteUnits.set({ fulfillment_center: center, reason }, units);
    return totals.length;
  }
}
