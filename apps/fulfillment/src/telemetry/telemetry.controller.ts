import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ProblemResponses, Roles } from '@harvest/platform/http';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ExcursionView, RecordedReadingsView } from './dto/telemetry-views.dto';
import { ExcursionQueryDto, ReadingsDto } from './dto/readings.dto';
import { TelemetryService } from './telemetry.service';

@Controller()
export class TelemetryController {
  constructor(private readonly telemetry: TelemetryService) {}

  /**
   * Sensor gateways post batches of readings. Safe to resend without an Idempotency-Key: a reading is
   * identified by room, sensor and time, and a repeat is neither stored nor counted again.
   */
  @Post('telemetry/readings')
  @HttpCode(202)
  @Roles('service')
  @ApiAcceptedResponse({ type: RecordedReadingsView })
  @ProblemResponses({ 422: ['unknown-room'] })
  record(@Body() body: ReadingsDto) {
    return this.telemetry.recordBatch(body.readings);
  }

  @Get('excursions')
  @Roles('admin')
  @ApiOkResponse({ type: [ExcursionView], description: 'The latest 200, newest first.' })
  excursions(@Query() query: ExcursionQueryDto) {
    return this.telemetry.excursions(query);
  }
}
