import { Body, Controller, Headers, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader } from '@nestjs/swagger';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { StockAdjustmentDto, StockMoveDto } from './dto/stock-adjustment.dto';
import { StockAdjustmentView, StockMoveView } from './dto/stock-adjustment-views.dto';
import { StockAdjustmentsService } from './stock-adjustments.service';

/**
 * Stock changed by hand on the floor: scanners (in their own center), supervisors (agents bound to the
 * center) and admins. Every change is announced to orders as a new count.
 */
@Controller()
@Roles('admin', 'agent', 'scanner')
@ProblemResponses({ 400: ['bad-picker-id'] })
export class StockAdjustmentsController {
  constructor(private readonly adjustments: StockAdjustmentsService) {}

  @Post('stock-adjustments')
  @Idempotent()
  @ApiCreatedResponse({ type: StockAdjustmentView })
  @ApiHeader({
    name: 'X-Picker-Id',
    required: false,
    description: 'the badge of the person at the handheld (recorded as who did it)',
  })
  @ProblemResponses({
    403: ['reason-not-for-scanner'],
    404: ['unknown-lot', 'unknown-location', 'not-found'],
    409: ['below-allocated', 'not-enough-in-bin'],
  })
  adjust(
    @Body() body: StockAdjustmentDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-picker-id') picker: string | undefined,
  ) {
    return this.adjustments.adjust(body, principal, picker);
  }

  /** Bin to bin, or room to room: only into a room the SKU tolerates (409 wrong-temperature-zone). */
  @Post('stock-moves')
  @Idempotent()
  @ApiCreatedResponse({ type: StockMoveView })
  @ApiHeader({
    name: 'X-Picker-Id',
    required: false,
    description: 'the badge of the person at the handheld (recorded as who did it)',
  })
  @ProblemResponses({
    404: ['unknown-lot', 'unknown-location', 'not-found'],
    409: ['wrong-temperature-zone', 'below-allocated', 'not-enough-in-bin', 'unknown-sku'],
    422: ['same-location'],
  })
  move(
    @Body() body: StockMoveDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-picker-id') picker: string | undefined,
  ) {
    return this.adjustments.move(body, principal, picker);
  }
}
