import { fulfillmentDeliveredV1 } from '@harvest/contracts/fulfillment-delivered';
import { fulfillmentPackedV1 } from '@harvest/contracts/fulfillment-packed';
import { fulfillmentPickedV1 } from '@harvest/contracts/fulfillment-picked';
import { fulfillmentShippedV1 } from '@harvest/contracts/fulfillment-shipped';
import { fulfillmentShortPickedV1 } from '@harvest/contracts/fulfillment-short-picked';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Actor } from '../orders/actor';
import { FulfillmentProgressService } from './fulfillment-progress.service';

const by = (who: string): Actor => ({ name: `fulfillment:${who}`, callId: null });
const SYSTEM_FULFILLMENT: Actor = { name: 'fulfillment', callId: null };

/** Fulfillment's progress drives the order from allocated to delivered (each event takes effect once). */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class FulfillmentEventsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly progress: FulfillmentProgressService,
  ) {}

  @EventPattern(fulfillmentPickedV1.topic)
  async onPicked(@Payload() message: unknown): Promise<void> {
    const event = fulfillmentPickedV1.parse(message);
    await this.inbox.handleOnce('orders.fulfillment-picked', event, (em) =>
      this.progress.picked(em, event.payload, by(event.payload.pickedBy)),
    );
  }

  @EventPattern(fulfillmentShortPickedV1.topic)
  async onShortPicked(@Payload() message: unknown): Promise<void> {
    const event = fulfillmentShortPickedV1.parse(message);
    await this.inbox.handleOnce('orders.fulfillment-short-picked', event, (em) =>
      this.progress.shortPicked(em, event.payload, event.eventId, by(event.payload.pickedBy)),
    );
  }

  @EventPattern(fulfillmentPackedV1.topic)
  async onPacked(@Payload() message: unknown): Promise<void> {
    const event = fulfillmentPackedV1.parse(message);
    await this.inbox.handleOnce('orders.fulfillment-packed', event, (em) =>
      this.progress.packed(em, event.payload, event.eventId, by(event.payload.packedBy)),
    );
  }

  @EventPattern(fulfillmentShippedV1.topic)
  async onShipped(@Payload() message: unknown): Promise<void> {
    const event = fulfillmentShippedV1.parse(message);
    const { orderId, carrier, trackingNumber } = event.payload;
    await this.inbox.handleOnce('orders.fulfillment-shipped', event, (em) =>
      this.progress.advance(
        em,
        orderId,
        'packed',
        'shipped',
        SYSTEM_FULFILLMENT,
        `shipped with ${carrier} ${trackingNumber}`,
      ),
    );
  }

  @EventPattern(fulfillmentDeliveredV1.topic)
  async onDelivered(@Payload() message: unknown): Promise<void> {
    const event = fulfillmentDeliveredV1.parse(message);
    await this.inbox.handleOnce('orders.fulfillment-delivered', event, (em) =>
      this.progress.advance(
        em,
        event.payload.orderId,
        'shipped',
        'delivered',
        SYSTEM_FULFILLMENT,
        `delivered, received by ${event.payload.receivedBy}`,
      ),
    );
  }
}
