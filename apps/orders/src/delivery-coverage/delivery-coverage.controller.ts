import { ValidationFailedError } from '@harvest/platform/errors';
import { ProblemResponses, Public, Roles } from '@harvest/platform/http';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { DeliveryCoverageService } from './delivery-coverage.service';
import { AssignAreaDto, ZoneDeliveryFeeDto } from './dto/coverage.dto';
import { CoverageView, ZoneDeliveryFeeView } from './dto/coverage-views.dto';

const AREA_CODE = /^[1-8]\d{5}$/;

function areaCodeOf(value: string): string {
  if (!AREA_CODE.test(value))
    throw new ValidationFailedError([
      { field: 'areaCode', message: 'must be a six-digit district code, e.g. 310104' },
    ]);
  return value;
}

/** Districts served per zone, and each zone's delivery fee with its free-delivery threshold. */
@Controller()
export class DeliveryCoverageController {
  constructor(private readonly coverage: DeliveryCoverageService) {}

  /** Public, like a shop's "where we deliver" page; identity asks it when a customer saves an address. */
  @Get('delivery-coverage/:areaCode')
  @Public()
  @ApiOkResponse({ type: CoverageView })
  @ProblemResponses({ 404: ['not-delivered'] })
  get(@Param('areaCode') areaCode: string): Promise<CoverageView> {
    return this.coverage.coverage(areaCodeOf(areaCode));
  }

  /** Idempotent by itself (a PUT of the same zone changes nothing). */
  @Put('delivery-coverage/:areaCode')
  @Roles('admin')
  @ApiOkResponse({ type: CoverageView })
  @ProblemResponses({ 404: ['unknown-zone'] })
  assign(@Param('areaCode') areaCode: string, @Body() body: AssignAreaDto): Promise<CoverageView> {
    return this.coverage.assign(areaCodeOf(areaCode), body.zoneId);
  }

  @Put('delivery-zones/:zoneId/delivery-fee')
  @Roles('admin')
  @ApiOkResponse({ type: ZoneDeliveryFeeView })
  @ProblemResponses({ 404: ['unknown-zone'] })
  setFee(@Param('zoneId') zoneId: string, @Body() body: ZoneDeliveryFeeDto): Promise<ZoneDeliveryFeeView> {
    return this.coverage.setFee(zoneId, {
      deliveryFeeFen: body.deliveryFeeFen,
      freeDeliveryFromFen: body.freeDeliveryFromFen ?? null,
    });
  }
}
