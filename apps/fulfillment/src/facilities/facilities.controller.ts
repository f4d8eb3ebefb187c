import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { Roles } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { SwitchRoomClassDto } from './dto/switch-room-class.dto';
import { FacilitiesService } from './facilities.service';

@Controller()
@Roles('admin')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get('fulfillment-centers/:centerId/rooms')
  rooms(@Param('centerId') centerId: string) {
    return this.facilities.rooms(centerId);
  }

  @Post('rooms/:roomId/switch-class')
  @Idempotent()
  switchClass(@Param('roomId') roomId: string, @Body() body: SwitchRoomClassDto) {
    return this.facilities.switchClass(roomId, body);
  }
}
