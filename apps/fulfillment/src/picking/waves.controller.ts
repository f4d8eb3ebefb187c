import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '@harvest/platform/http';
import { ApiOkResponse } from '@nestjs/swagger';
import { WaveView } from './dto/picking-views.dto';
import { WaveQueryDto } from './dto/wave-query.dto';
import { WavesService } from './waves.service';

@Controller('waves')
@Roles('admin')
export class WavesController {
  constructor(private readonly waves: WavesService) {}

  @Get()
  @ApiOkResponse({ type: [WaveView], description: 'In pick order: slot, then zone with frozen last.' })
  list(@Query() query: WaveQueryDto) {
    return this.waves.list(query);
  }
}
