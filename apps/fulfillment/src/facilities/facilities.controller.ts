import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { Roles } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { CreateCenterDto, CreateLocationsDto, CreateRoomDto } from './dto/create-facility.dto';
import { SwitchRoomClassDto } from './dto/switch-room-class.dto';
import { FacilitiesService } from './facilities.service';

@Controller()
@Roles('admin')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Post('fulfillment-centers')
  @Idempotent()
  createCenter(@Body() body: CreateCenterDto) {
    return this.facilities.createCenter(body);
  }

  @Post('fulfillment-centers/:centerId/rooms')
  @Idempotent()
  createRoom(@Param('centerId') centerId: string, @Body() body: CreateRoomDto) {
    return this.facilities.createRoom(centerId, body);
  }

  @Post('rooms/:roomId/locations')
  @Idempotent()
  createLocations(@Param('roomId') roomId: string, @Body() body: CreateLocationsDto) {
    return this.facilities.createLocations(roomId, body);
  }

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
