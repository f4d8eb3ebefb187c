import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { AgentActionsService } from './agent-actions.service';
import {
  CancelOrderForCustomerDto,
  ListAgentActionsQueryDto,
  PlaceOrderForCustomerDto,
  RefundOrderForCustomerDto,
} from './dto/agent-action.dto';
import {
  AGENT_ACTION_RULES,
  AgentActionListView,
  AgentOrderView,
  AgentRefundView,
  ORDERS_CANCEL_REFUSALS,
  ORDERS_CHECKOUT_REFUSALS,
  ORDERS_REFUND_REFUSALS,
} from './dto/agent-action-views.dto';
import { ordersRefusalAsProblem } from './orders-client/orders-refusal';

/**
 * What an agent does on a customer's behalf, through orders; @Idempotent() has already required the key.
 * Orders' own refusal is passed through as orders answered it.
 */
// An action names its call (and order): one unknown to this service is 404 (agent-action-rules.ts).
@ProblemResponses({ 404: ['not-found'] })
@Controller('agent-actions')
export class AgentActionsController {
  constructor(private readonly actions: AgentActionsService) {}

  @Post('orders')
  @Idempotent()
  @Roles('agent')
  @ApiCreatedResponse({ type: AgentOrderView, description: "Orders' answer: the order placed." })
  @ProblemResponses(AGENT_ACTION_RULES)
  @ProblemResponses(ORDERS_CHECKOUT_REFUSALS)
  placeOrder(
    @CurrentPrincipal() agent: Principal,
    @Body() body: PlaceOrderForCustomerDto,
    @Headers('idempotency-key') key: string,
  ) {
    return this.actions
      .placeOrder({ agentId: agent.subject, callId: body.callId }, body.customerId, key, body.checkout)
      .catch(ordersRefusalAsProblem);
  }

  @Post('orders/:orderId/cancel')
  @HttpCode(200)
  @Idempotent()
  @Roles('agent')
  @ApiOkResponse({ type: AgentOrderView, description: "Orders' answer: the order cancelled." })
  @ProblemResponses(AGENT_ACTION_RULES)
  @ProblemResponses(ORDERS_CANCEL_REFUSALS)
  cancel(
    @CurrentPrincipal() agent: Principal,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Body() body: CancelOrderForCustomerDto,
    @Headers('idempotency-key') key: string,
  ) {
    return this.actions
      .cancelOrder({ agentId: agent.subject, callId: body.callId }, orderId, key, body.note)
      .catch(ordersRefusalAsProblem);
  }

  @Post('orders/:orderId/refunds')
  @Idempotent()
  @Roles('agent')
  @ApiCreatedResponse({ type: AgentRefundView, description: "Orders' answer: the refund." })
  @ProblemResponses(AGENT_ACTION_RULES)
  @ProblemResponses(ORDERS_REFUND_REFUSALS)
  refund(
    @CurrentPrincipal() agent: Principal,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Body() body: RefundOrderForCustomerDto,
    @Headers('idempotency-key') key: string,
  ) {
    const { callId, ...refund } = body;
    return this.actions
      .refundOrder({ agentId: agent.subject, callId }, orderId, key, refund)
      .catch(ordersRefusalAsProblem);
  }

  /** The audit trail, for supervisors (admin) and agents reviewing a call. */
  @Get()
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: AgentActionListView })
  async list(@Query() query: ListAgentActionsQueryDto) {
    const actions = await this.actions.list(query);
    return {
      actions: actions.map((a) => ({
        ...a,
        detail: JSON.parse(a.detail) as unknown,
        createdAt: a.createdAt.toISOString(),
      })),
    };
  }
}
