import { defineGauge } from '@harvest/platform/observability';
import { PeriodicJobProvider } from '@harvest/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import { FULFILLMENT_CONFIG, type FulfillmentConfig } from '../config/fulfillment.config';
import { QaCasesService } from './qa-cases.service';

/** Read by infra/prometheus/rules/harvest-fulfillment.yml (FulfillmentExcursionOpen, FulfillmentQaCaseUndecided). */
export const openExcursions = defineGauge(
  'harvest_fulfillment_open_excursions',
  'Excursions not yet ended (a room still out of its range), per center.',
  ['fulfillment_center'],
);
export const openQaCases = defineGauge(
  'harvest_fulfillment_open_qa_cases',
  'QA cases with lots still waiting for a decision, per center.',
  ['fulfillment_center'],
);

/**
 * Sets the gauges from the database every FULFILLMENT_GAUGES_MS: every instance reports the same
 * figures (the rules take the max per center), so no instance's own traffic decides what pages.
 */
@Injectable()
export class QaMetricsJob extends PeriodicJobProvider<number> {
  constructor(
    private readonly qaCases: QaCasesService,
    @Inject(FULFILLMENT_CONFIG) config: FulfillmentConfig,
  ) {
    super({ name: 'QaMetrics', everyMs: config.FULFILLMENT_GAUGES_MS });
  }

  protected run(): Promise<number> {
    return this.refresh();
  }

  /** Returns how many centers were reported. */
  async refresh(): Promise<number> {
    const figures = await this.qaCases.openFigures();
    for (const { center, excursions, cases } of figures) {
      openExcursions.set({ fulfillment_center: center }, excursions);
      openQaCases.set({ fulfillment_center: center }, cases);
    }
    return figures.length;
  }
}
