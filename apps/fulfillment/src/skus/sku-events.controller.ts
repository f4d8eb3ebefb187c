import { skuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DemoStockService } from '../demo-data/demo-stock.service';
import { SkuSnapshotsService } from './sku-snapshots.service';

/** Consumes catalog.sku-changed into the local snapshot (fulfillment never calls catalog). */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class SkuEventsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly snapshots: SkuSnapshotsService,
    private readonly demoStock: DemoStockService,
  ) {}

  @EventPattern(skuChangedV1.topic)
  async onSkuChanged(@Payload() message: unknown): Promise<void> {
    const event = skuChangedV1.parse(message);
    await this.inbox.handleOnce('fulfillment.sku-snapshot', event, async (em) => {
      await this.snapshots.apply(em, event.payload);
      // A demo SKU that catalog publishes after our seed ran still gets its demo lots.
      await this.demoStock.stockSkuIfDemo(em, event.payload.skuId);
    });
  }
}
