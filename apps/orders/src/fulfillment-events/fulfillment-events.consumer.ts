import type { EventContract } from '@harvest/contracts';
import { fulfillmentDeliveredV1 } from '@harvest/contracts/fulfillment-delivered';
import { fulfillmentPackedV1 } from '@harvest/contracts/fulfillment-packed';
import { fulfillmentPickedV1 } from '@harvest/contracts/fulfillment-picked';
import { fulfillmentShippedV1 } from '@harvest/contracts/fulfillment-shipped';
import { fulfillmentShortPickedV1 } from '@harvest/contracts/fulfillment-short-picked';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { z } from 'zod';
import { FulfillmentProgressService } from './fulfillment-progress.service';

/** Fulfillment's progress drives the order from allocated to delivered (each event takes effect once). */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class FulfillmentEventsConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly progress: FulfillmentProgressService,
  ) {}

  @EventPattern(fulfillmentPickedV1.topic)
  onPicked(@Payload() message: unknown): Promise<void> {
    return this.handle(fulfillmentPickedV1, message);
  }

  @EventPattern(fulfillmentShortPickedV1.topic)
  onShortPicked(@Payload() message: unknown): Promise<void> {
    return this.handle(fulfillmentShortPickedV1, message);
  }

  @EventPattern(fulfillmentPackedV1.topic)
  onPacked(@Payload() message: unknown): Promise<void> {
    return this.handle(fulfillmentPackedV1, message);
  }

  @EventPattern(fulfillmentShippedV1.topic)
  onShipped(@Payload() message: unknown): Promise<void> {
    return this.handle(fulfillmentShippedV1, message);
  }

  @EventPattern(fulfillmentDeliveredV1.topic)
  onDelivered(@Payload() message: unknown): Promise<void> {
    return this.handle(fulfillmentDeliveredV1, message);
  }

  private async handle<S extends z.ZodType<{ orderId: string }>>(
    contract: EventContract<S>,
    message: unknown,
  ): Promise<void> {
    const event = contract.parse(message);
    await this.inbox.handleOnce(`orders.${contract.type}`, event, (em) => this.progress.apply(em, event));
  }
}
