import { Controller, Get } from '@nestjs/common';
import { Public } from '@harvest/platform/http';
import { FarmsService } from './farms.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { FarmListView } from './dto/farm-views.dto';

/** Origin farms, for the storefront's farm facet labels. Farms are set up by data (seed/migration), not by API. */
@Controller('farms')
export class FarmsController {
  constructor(private readonly farms: FarmsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: FarmListView })
  async list() {
    return { items: await this.farms.list() };
  }
}
