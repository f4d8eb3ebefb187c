import { skuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SkuSnapshotsService } from './sku-snapshots.service';

/** Consumes catalog.sku-changed into the local snapshot (orders never calls catalog at checkout). */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class SkuChangedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly snapshots: SkuSnapshotsService,
  ) {}

  @EventPattern(skuChangedV1.topic)
  async onSkuChanged(@Payload() message: unknown): Promise<void> {
    const event = skuChangedV1.parse(message);
    await this.inbox.handleOnce('orders.sku-snapshot', event, (em) =>
      this.snapshots.apply(em, event.payload),
    );
  }
}
