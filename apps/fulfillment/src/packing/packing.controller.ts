import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { DeliverOrderDto, PackOrderDto, ShipOrderDto } from './dto/pack-order.dto';
import { PackingService } from './packing.service';

@Controller('fulfillment-orders/:orderId')
export class PackingController {
  constructor(private readonly packing: PackingService) {}

  /** At the packing bench (a bench scanner or staff): weights in, box and coolant chosen, fulfillment.packed out. */
  @Post('pack')
  @HttpCode(200)
  @Roles('admin', 'scanner')
  @Idempotent()
  pack(
    @Param('orderId') orderId: string,
    @Body() body: PackOrderDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.packing.pack(orderId, body, principal);
  }

  /** The carrier collected the parcels (dispatch desk or the carrier integration). */
  @Post('ship')
  @HttpCode(200)
  @Roles('admin', 'service')
  @Idempotent()
  ship(
    @Param('orderId') orderId: string,
    @Body() body: ShipOrderDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.packing.ship(orderId, body, principal);
  }

  @Post('deliver')
  @HttpCode(200)
  @Roles('admin', 'service')
  @Idempotent()
  deliver(
    @Param('orderId') orderId: string,
    @Body() body: DeliverOrderDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.packing.deliver(orderId, body, principal);
  }
}
