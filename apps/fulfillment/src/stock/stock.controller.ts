import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CENTER_ACCESS } from '../shared/center-access.problems';
import { LotView } from './dto/lot-views.dto';
import { Idempotent } from '@harvest/platform/idempotency';
import { PutAwayDto } from './dto/put-away.dto';
import { ReceiveLotDto } from './dto/receive-lot.dto';
import { StockService } from './stock.service';

/** Receiving and put-away, from the office (admin) or a dock scanner bound to its center. */
@Controller('lots')
@Roles('admin', 'scanner')
@ProblemResponses(CENTER_ACCESS)
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: LotView })
  @ProblemResponses({
    409: ['duplicate-lot-barcode', 'unknown-sku'],
    422: ['center-required', 'expiry-before-receipt', 'lot-too-large'],
  })
  receive(@Body() body: ReceiveLotDto, @CurrentPrincipal() principal: Principal) {
    return this.stock.receive(body, principal);
  }

  @Post(':lotId/put-away')
  @Idempotent()
  @ApiCreatedResponse({ type: LotView })
  @ProblemResponses({
    404: ['unknown-location'],
    409: ['more-than-received', 'unknown-sku', 'wrong-temperature-zone'],
  })
  putAway(@Param('lotId') lotId: string, @Body() body: PutAwayDto, @CurrentPrincipal() principal: Principal) {
    return this.stock.putAway(lotId, body, principal);
  }

  @Get(':lotId')
  @ApiOkResponse({ type: LotView })
  lot(@Param('lotId') lotId: string, @CurrentPrincipal() principal: Principal) {
    return this.stock.lot(lotId, principal);
  }

  @Post(':lotId/release-hold')
  @Roles('admin')
  @Idempotent()
  @ApiCreatedResponse({ type: LotView })
  releaseHold(@Param('lotId') lotId: string) {
    return this.stock.releaseHold(lotId);
  }
}
