import { stockCountedV1 } from '@harvest/contracts/fulfillment-stock-counted';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, Logger, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InventoryService } from './inventory.service';

/**
 * Consumes fulfillment.stock-counted: fulfillment's sellable count replaces ours when newer (counts of one
 * SKU and center are versioned; an older one, e.g. after a rebalance, is ignored).
 */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class StockCountedConsumer {
  private readonly logger = new Logger('StockCounted');

  constructor(
    private readonly inbox: InboxService,
    private readonly inventory: InventoryService,
  ) {}

  @EventPattern(stockCountedV1.topic)
  async onStockCounted(@Payload() message: unknown): Promise<void> {
    const event = stockCountedV1.parse(message);
    const { fulfillmentCenterId, ...count } = event.payload;
    await this.inbox.handleOnce('orders.stock-counted', event, async (em) => {
      // A center orders does not serve (yet) has nothing to sell; its counts come again with the next change.
      if (!(await this.inventory.applyCountAtKnownCenter(em, fulfillmentCenterId, count)))
        this.logger.warn(`count of ${count.skuId} at unknown center ${fulfillmentCenterId}: skipped`);
    });
  }
}
