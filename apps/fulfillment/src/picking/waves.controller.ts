import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '@harvest/platform/http';
import { WaveQueryDto } from './dto/wave-query.dto';
import { WavesService } from './waves.service';

@Controller('waves')
@Roles('admin')
export class WavesController {
  constructor(private readonly waves: WavesService) {}

  @Get()
  list(@Query() query: WaveQueryDto) {
    return this.waves.list(query);
  }
}
