import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { stockChangedV1 } from '@harvest/contracts/inventory-stock-changed';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { AvailabilityService } from './availability.service';

/** Stock levels from orders (which owns reservation), for "in stock at my fulfillment center". */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class StockChangedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly availability: AvailabilityService,
  ) {}

  @EventPattern(stockChangedV1.topic)
  async onStockChanged(@Payload() message: unknown): Promise<void> {
    const event = stockChangedV1.parse(message);
    await this.inbox.handleOnce('catalog.availability', event, (em) =>
      this.availability.apply(em, event.payload),
    );
  }
}
