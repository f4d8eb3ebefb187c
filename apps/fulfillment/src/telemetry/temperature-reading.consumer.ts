import { temperatureReadingV1 } from '@harvest/contracts/fulfillment-temperature-reading';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { Controller, Logger, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { UnknownRoomError } from './domain/unknown-room.error';
import { TelemetryService } from './telemetry.service';

/** Readings from sensor gateways that publish to Kafka instead of posting over HTTP. */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class TemperatureReadingConsumer {
  private readonly logger = new Logger('TemperatureReadings');

  constructor(
    private readonly inbox: InboxService,
    private readonly telemetry: TelemetryService,
  ) {}

  @EventPattern(temperatureReadingV1.topic)
  async onTemperatureReading(@Payload() message: unknown): Promise<void> {
    const event = temperatureReadingV1.parse(message);
    try {
      await this.inbox.handleOnce('fulfillment.temperature-reading', event, (em) =>
        this.telemetry.record(em, event.payload),
      );
    } catch (error) {
      // A reading for a room we do not have will never succeed: drop it with a line instead of retrying it.
      if (error instanceof UnknownRoomError) {
        this.logger.warn(`dropped reading ${event.eventId}: ${error.detail}`);
        return;
      }
      throw error;
    }
  }
}
