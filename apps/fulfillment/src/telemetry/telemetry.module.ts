import { Module } from '@nestjs/common';
import { ReadingEventsController } from './reading-events.controller';
import { TelemetryController } from './telemetry.controller';
import { TelemetryService } from './telemetry.service';

@Module({ controllers: [TelemetryController, ReadingEventsController], providers: [TelemetryService] })
export class TelemetryModule {}
