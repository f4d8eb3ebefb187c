import { orderCancelledV1 } from '@harvest/contracts/order-cancelled';
import { orderPaidV1 } from '@harvest/contracts/order-paid';
import { orderPlacedV1 } from '@harvest/contracts/order-placed';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { FulfillmentOrdersService } from './fulfillment-orders.service';

/** Orders' lifecycle events: placed (the lines and slot), paid (allocate now), cancelled (withdraw the picks). */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class OrderEventsConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly orders: FulfillmentOrdersService,
  ) {}

  @EventPattern(orderPlacedV1.topic)
  async onOrderPlaced(@Payload() message: unknown): Promise<void> {
    const event = orderPlacedV1.parse(message);
    await this.inbox.handleOnce('fulfillment.order-placed', event, (em) =>
      this.orders.recordPlaced(em, event.payload),
    );
  }

  @EventPattern(orderPaidV1.topic)
  async onOrderPaid(@Payload() message: unknown): Promise<void> {
    const event = orderPaidV1.parse(message);
    await this.inbox.handleOnce('fulfillment.order-paid', event, (em) =>
      this.orders.recordPaid(em, event.payload),
    );
  }

  @EventPattern(orderCancelledV1.topic)
  async onOrderCancelled(@Payload() message: unknown): Promise<void> {
    const event = orderCancelledV1.parse(message);
    await this.inbox.handleOnce('fulfillment.order-cancelled', event, (em) =>
      this.orders.recordCancelled(em, event.payload),
    );
  }
}
