import { Controller, Get, Param } from '@nestjs/common';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiOkResponse } from '@nestjs/swagger';
import { CENTER_ACCESS } from '../shared/center-access.problems';
import { FulfillmentOrderView } from './dto/fulfillment-order-views.dto';
import { FulfillmentOrdersService } from './fulfillment-orders.service';

@Controller('fulfillment-orders')
export class FulfillmentOrdersController {
  constructor(private readonly orders: FulfillmentOrdersService) {}

  /** An order as the floor sees it: lines, pick tasks with lots and bins, parcels. */
  @Get(':orderId')
  @Roles('admin', 'service', 'scanner')
  @ApiOkResponse({ type: FulfillmentOrderView })
  @ProblemResponses(CENTER_ACCESS)
  view(@Param('orderId') orderId: string, @CurrentPrincipal() principal: Principal) {
    return this.orders.view(orderId, principal);
  }
}
