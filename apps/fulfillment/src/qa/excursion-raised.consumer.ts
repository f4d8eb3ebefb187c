import { excursionRaisedV1 } from '@harvest/contracts/fulfillment-excursion-raised';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { QaCasesService } from './qa-cases.service';

/** Our own fulfillment.excursion-raised: opens QA's case for the lots it held, once. */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class ExcursionRaisedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly qaCases: QaCasesService,
  ) {}

  @EventPattern(excursionRaisedV1.topic)
  async onExcursionRaised(@Payload() message: unknown): Promise<void> {
    const event = excursionRaisedV1.parse(message);
    await this.inbox.handleOnce('fulfillment.qa-cases', event, (em) => this.qaCases.open(em, event.payload));
  }
}
