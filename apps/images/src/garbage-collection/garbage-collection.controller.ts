import { Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '@harvest/platform/http';
import { ApiOkResponse } from '@nestjs/swagger';
import { GcResultView } from './dto/gc-result.view.dto';
import { ImageGcService } from './image-gc.service';

@Controller('images')
export class GarbageCollectionController {
  constructor(private readonly gc: ImageGcService) {}

  /** Runs the orphan-file GC now (it also runs on a timer). */
  @Post('gc')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: GcResultView })
  collectGarbage() {
    return this.gc.collect();
  }
}
