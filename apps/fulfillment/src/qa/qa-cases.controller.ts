import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { QaCaseQueryDto, QaDecisionDto } from './dto/qa-case.dto';
import { QaCaseListView, QaCaseView } from './dto/qa-case-views.dto';
import { QaCasesService } from './qa-cases.service';

/**
 * QA's cases after excursions. QA are the center's supervisors (agents bound to it) and admins: the same
 * people who approve counts; a scanner never decides on a held lot.
 */
@Controller('qa-cases')
@Roles('agent', 'admin')
@ProblemResponses({ 403: ['not-center-supervisor'] })
export class QaCasesController {
  constructor(private readonly qaCases: QaCasesService) {}

  @Get()
  @ApiOkResponse({ type: QaCaseListView })
  list(@Query() query: QaCaseQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.qaCases.list(query, principal);
  }

  @Get(':caseId')
  @ApiOkResponse({ type: QaCaseView })
  @ProblemResponses({ 404: ['not-found'] })
  get(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal) {
    return this.qaCases.get(caseId, principal);
  }

  /** Release (sellable again) or discard (written off) one held lot, with QA's reason. */
  @Post(':caseId/lots/:lotId/decision')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: QaCaseView })
  @ProblemResponses({ 404: ['not-found'], 409: ['lot-already-decided'] })
  decide(
    @Param('caseId') caseId: string,
    @Param('lotId') lotId: string,
    @Body() body: QaDecisionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.qaCases.decide(caseId, lotId, body, principal);
  }
}
