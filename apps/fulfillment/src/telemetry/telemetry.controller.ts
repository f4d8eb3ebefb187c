import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Roles } from '@harvest/platform/http';
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
  record(@Body() body: ReadingsDto) {
    return this.telemetry.recordBatch(body.readings);
  }

  @Get('excursions')
  @Roles('admin')
  excursions(@Query() query: ExcursionQueryDto) {
    return this.telemetry.excursions(query);
  }
}
