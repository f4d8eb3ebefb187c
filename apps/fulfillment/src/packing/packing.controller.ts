import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiOkResponse } from '@nestjs/swagger';
import { CENTER_ACCESS } from '../shared/center-access.problems';
import { DeliveredOrderView, PackedOrderView, ShippedOrderView } from './dto/packing-views.dto';
import { Idempotent } from '@harvest/platform/idempotency';
import { DeliverOrderDto, PackOrderDto, ShipOrderDto } from './dto/pack-order.dto';
import { PackingService } from './packing.service';

@Controller('fulfillment-orders/:orderId')
@ProblemResponses(CENTER_ACCESS)
@ProblemResponses({ 409: ['invalid-order-state'] })
export class PackingController {
  constructor(private readonly packing: PackingService) {}

  /** At the packing bench (a bench scanner or staff): weights in, box and coolant chosen, fulfillment.packed out. */
  @Post('pack')
  @HttpCode(200)
  @Roles('admin', 'scanner')
  @Idempotent()
  @ApiOkResponse({ type: PackedOrderView })
  @ProblemResponses({ 422: ['duplicate-line', 'not-picked', 'unweighed-lines'] })
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
  @ApiOkResponse({ type: ShippedOrderView })
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
  @ApiOkResponse({ type: DeliveredOrderView })
  deliver(
    @Param('orderId') orderId: string,
    @Body() body: DeliverOrderDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.packing.deliver(orderId, body, principal);
  }
}
