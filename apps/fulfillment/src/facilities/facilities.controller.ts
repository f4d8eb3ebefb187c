import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ProblemResponses, Roles } from '@harvest/platform/http';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CenterView, CreatedLocationsView, RoomView } from './dto/facility-views.dto';
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
  @ApiCreatedResponse({ type: CenterView })
  @ProblemResponses({ 409: ['center-exists'] })
  createCenter(@Body() body: CreateCenterDto) {
    return this.facilities.createCenter(body);
  }

  @Post('fulfillment-centers/:centerId/rooms')
  @Idempotent()
  @ApiCreatedResponse({ type: RoomView })
  @ProblemResponses({ 404: ['not-found'], 409: ['room-exists'], 422: ['setpoint-out-of-range'] })
  createRoom(@Param('centerId') centerId: string, @Body() body: CreateRoomDto) {
    return this.facilities.createRoom(centerId, body);
  }

  @Post('rooms/:roomId/locations')
  @Idempotent()
  @ApiCreatedResponse({ type: CreatedLocationsView })
  @ProblemResponses({ 404: ['not-found'], 409: ['barcode-taken'], 422: ['location-id-too-long'] })
  createLocations(@Param('roomId') roomId: string, @Body() body: CreateLocationsDto) {
    return this.facilities.createLocations(roomId, body);
  }

  @Get('fulfillment-centers/:centerId/rooms')
  @ApiOkResponse({ type: [RoomView], description: "The center's rooms (none for an unknown center)." })
  rooms(@Param('centerId') centerId: string) {
    return this.facilities.rooms(centerId);
  }

  @Post('rooms/:roomId/switch-class')
  @Idempotent()
  @ApiCreatedResponse({ type: RoomView })
  @ProblemResponses({
    404: ['not-found'],
    409: ['room-class-switch-refused'],
    422: ['room-class-switch-refused'],
  })
  switchClass(@Param('roomId') roomId: string, @Body() body: SwitchRoomClassDto) {
    return this.facilities.switchClass(roomId, body);
  }
}
