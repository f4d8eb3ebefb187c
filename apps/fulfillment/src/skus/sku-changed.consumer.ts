import { skuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { KnownSkusService } from './known-skus.service';

/** Consumes catalog.sku-changed into the local snapshot (fulfillment never calls catalog). */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class SkuChangedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly skus: KnownSkusService,
  ) {}

  @EventPattern(skuChangedV1.topic)
  async onSkuChanged(@Payload() message: unknown): Promise<void> {
    const event = skuChangedV1.parse(message);
    await this.inbox.handleOnce('fulfillment.sku-snapshot', event, (em) =>
      this.skus.apply(em, event.payload),
    );
  }
}
