import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { CycleCountsService } from './cycle-counts.service';
import { CycleCountQueryDto, DecideCycleCountDto, SubmitCycleCountDto } from './dto/cycle-count.dto';
import { CycleCountListView, CycleCountView, SubmittedCountView } from './dto/cycle-count-views.dto';

/**
 * Blind cycle counts: scanners count a bin (they never see what it should hold); a large variance waits for
 * a supervisor (an agent bound to the center, or an admin), who sees expected and counted figures.
 */
@Controller('cycle-counts')
export class CycleCountsController {
  constructor(private readonly counts: CycleCountsService) {}

  @Post()
  @Roles('scanner', 'agent', 'admin')
  @Idempotent()
  @ApiCreatedResponse({ type: SubmittedCountView })
  @ApiHeader({
    name: 'X-Picker-Id',
    required: false,
    description: 'the badge of the person at the handheld (recorded as who did it)',
  })
  @ProblemResponses({
    400: ['bad-picker-id'],
    404: ['unknown-location', 'unknown-lot', 'not-found'],
    409: ['below-allocated', 'not-enough-in-bin'],
    422: ['lot-counted-twice'],
  })
  submit(
    @Body() body: SubmitCycleCountDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-picker-id') picker: string | undefined,
  ) {
    return this.counts.submit(body, principal, picker);
  }

  @Get()
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: CycleCountListView })
  @ProblemResponses({ 403: ['not-center-supervisor'] })
  list(@Query() query: CycleCountQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.counts.list(query, principal);
  }

  @Get(':countId')
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: CycleCountView })
  @ProblemResponses({ 403: ['not-center-supervisor'], 404: ['not-found'] })
  get(@Param('countId') countId: string, @CurrentPrincipal() principal: Principal) {
    return this.counts.get(countId, principal);
  }

  /** Applies the count (each lot moves by counted - expected) and announces the new counts. */
  @Post(':countId/approve')
  @HttpCode(200)
  @Roles('agent', 'admin')
  @Idempotent()
  @ApiOkResponse({ type: CycleCountView })
  @ProblemResponses({
    403: ['not-center-supervisor'],
    404: ['not-found'],
    409: ['count-not-pending', 'below-allocated', 'not-enough-in-bin'],
  })
  approve(
    @Param('countId') countId: string,
    @Body() body: DecideCycleCountDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.counts.approve(countId, body.note, principal);
  }

  /** Nothing changes (a recount is a new count). */
  @Post(':countId/reject')
  @HttpCode(200)
  @Roles('agent', 'admin')
  @Idempotent()
  @ApiOkResponse({ type: CycleCountView })
  @ProblemResponses({ 403: ['not-center-supervisor'], 404: ['not-found'], 409: ['count-not-pending'] })
  reject(
    @Param('countId') countId: string,
    @Body() body: DecideCycleCountDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.counts.reject(countId, body.note, principal);
  }
}
