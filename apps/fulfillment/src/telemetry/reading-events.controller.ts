import { temperatureReadingV1 } from '@harvest/contracts/fulfillment-temperature-reading';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, Logger, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProblemException } from '@harvest/platform/http';
import { TelemetryService } from './telemetry.service';

/** Readings from sensor gateways that publish to Kafka instead of posting over HTTP. */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class ReadingEventsController {
  private readonly logger = new Logger('ReadingEvents');

  constructor(
    private readonly inbox: InboxService,
    private readonly telemetry: TelemetryService,
  ) {}

  @EventPattern(temperatureReadingV1.topic)
  async onReading(@Payload() message: unknown): Promise<void> {
    const event = temperatureReadingV1.parse(message);
    try {
      await this.inbox.handleOnce('fulfillment.temperature-reading', event, (em) => this.telemetry.record(em, event.payload));
    } catch (error) {
      // A reading for a room we do not have will never succeed: drop it with a line instead of retrying it.
      if (error instanceof ProblemException && error.getStatus() === 422) {
        this.logger.warn(`dropped reading ${event.eventId}: ${error.problem.detail}`);
        return;
      }
      throw error;
    }
  }
}
