import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { PutAwayDto } from './dto/put-away.dto';
import { ReceiveLotDto } from './dto/receive-lot.dto';
import { StockService } from './stock.service';

/** Receiving and put-away, from the office (admin) or a dock scanner bound to its center. */
@Controller('lots')
@Roles('admin', 'scanner')
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Post()
  @Idempotent()
  receive(@Body() body: ReceiveLotDto, @CurrentPrincipal() principal: Principal) {
    return this.stock.receive(body, principal);
  }

  @Post(':lotId/put-away')
  @Idempotent()
  putAway(@Param('lotId') lotId: string, @Body() body: PutAwayDto, @CurrentPrincipal() principal: Principal) {
    return this.stock.putAway(lotId, body, principal);
  }

  @Get(':lotId')
  lot(@Param('lotId') lotId: string, @CurrentPrincipal() principal: Principal) {
    return this.stock.lot(lotId, principal);
  }

  @Post(':lotId/release-hold')
  @Roles('admin')
  @Idempotent()
  releaseHold(@Param('lotId') lotId: string) {
    return this.stock.releaseHold(lotId);
  }
}
