import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { WasteQueryDto, WasteReportView } from './dto/waste.dto';
import { WasteService } from './waste.service';

@Controller('waste')
export class WasteController {
  constructor(private readonly waste: WasteService) {}

  /** Spoilage, damage and QA discards of a center over China calendar days, by SKU, farm and reason. */
  @Get()
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: WasteReportView })
  @ProblemResponses({ 403: ['not-center-supervisor'], 422: ['bad-period'] })
  report(@Query() query: WasteQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.waste.report(query, principal);
  }
}
