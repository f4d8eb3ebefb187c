import { orderRefundedV1 } from '@harvest/contracts/order-refunded';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProviderRefundsService } from './provider-refunds.service';

/** Every refund orders records (cancel, short pick, weight, agent) becomes a provider refund, once per event. */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class OrderRefundedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly refunds: ProviderRefundsService,
  ) {}

  @EventPattern(orderRefundedV1.topic)
  async onRefunded(@Payload() message: unknown): Promise<void> {
    const event = orderRefundedV1.parse(message);
    await this.inbox.handleOnce('orders.refund-execution', event, (em) =>
      this.refunds.enqueueOrderRefund(em, event.payload),
    );
  }
}
