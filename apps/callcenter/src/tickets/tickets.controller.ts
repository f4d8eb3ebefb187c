import { NotFoundError } from '@harvest/platform/errors';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { AGENT_ACTION_RULES, ORDERS_REFUND_REFUSALS } from '../agent-actions/dto/agent-action-views.dto';
import { ordersRefusalAsProblem } from '../agent-actions/orders-client/orders-refusal';
import { ListTicketsQueryDto, OpenTicketDto, ResolveTicketDto } from './dto/ticket.dto';
import { TicketListView, TicketView } from './dto/ticket-views.dto';
import { ticketView } from './ticket-views';
import { TicketsService } from './tickets.service';

// A ticket names its call; one unknown to this service is 404 (agent-action-rules.ts).
@ProblemResponses({ 404: ['not-found'] })
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post()
  @Idempotent()
  @Roles('agent')
  @ApiCreatedResponse({ type: TicketView })
  @ProblemResponses({ 403: ['not-your-call'] })
  async open(@CurrentPrincipal() agent: Principal, @Body() body: OpenTicketDto) {
    return ticketView(await this.tickets.open(agent.subject, body));
  }

  @Get()
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: TicketListView })
  async list(@Query() query: ListTicketsQueryDto) {
    return { tickets: (await this.tickets.list(query)).map((t) => ticketView(t)) };
  }

  /** Declared before :id so "overdue" is not taken for a ticket id. */
  @Get('overdue')
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: TicketListView, description: 'Open tickets past their SLA, most overdue first.' })
  async overdue() {
    const now = new Date();
    return { tickets: (await this.tickets.overdue(now, 100)).map((t) => ticketView(t, now)) };
  }

  @Get(':id')
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: TicketView })
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const ticket = await this.tickets.get(id);
    if (!ticket) throw new NotFoundError(`ticket ${id}`);
    return ticketView(ticket);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Idempotent()
  @Roles('agent')
  @ApiOkResponse({ type: TicketView })
  @ProblemResponses({ 400: ['invalid-resolution'], 409: ['ticket-resolved'] })
  @ProblemResponses(AGENT_ACTION_RULES)
  @ProblemResponses(ORDERS_REFUND_REFUSALS)
  async resolve(
    @CurrentPrincipal() agent: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ResolveTicketDto,
    @Headers('idempotency-key') idempotencyKey: string,
  ) {
    // A refund is an agent action through orders: orders' own refusal is passed through as it answered.
    const ticket = await this.tickets
      .resolve(agent.subject, id, body, idempotencyKey)
      .catch(ordersRefusalAsProblem);
    return ticketView(ticket);
  }
}
