import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_PATTERN, Idempotent } from '@harvest/platform/idempotency';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '@harvest/platform/errors';
import { actingPartyOf, isCustomerOnly } from './actor';
import { CheckoutService } from './checkout.service';
import {
  CustomerRequiredError,
  IdempotencyKeyRequiredError,
  IdempotencyKeyReusedError,
  NotYourAccountError,
} from './domain/order.errors';
import { CheckoutDto } from './dto/checkout.dto';
import { CancelOrderDto, ListOrdersQueryDto, RefundOrderDto } from './dto/order-actions.dto';
import {
  ACTING_PARTY,
  CustomerOrderView,
  ORDER_VIEW,
  OrderListView,
  OrderRefundView,
  StaffOrderView,
} from './dto/order-views.dto';
import { OrderActionsService } from './order-actions.service';
import { OrderQueriesService } from './order-queries.service';
import { customerOrderView, orderSummary, staffOrderView, type OrderDetails } from './order-views';

function requireIdempotencyKey(key: string | undefined): string {
  if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new IdempotencyKeyRequiredError();
  }
  return key;
}

/** Everyone but a customer (staff, and the call center for its agents) gets the staff view. */
const view = (principal: Principal, details: OrderDetails) =>
  isCustomerOnly(principal) ? customerOrderView(details) : staffOrderView(details);

@Controller('orders')
@ApiExtraModels(StaffOrderView, CustomerOrderView)
@ProblemResponses(ACTING_PARTY)
export class OrdersController {
  constructor(
    private readonly checkoutService: CheckoutService,
    private readonly actions: OrderActionsService,
    private readonly queries: OrderQueriesService,
  ) {}

  /**
   * Customers order for themselves; agents for a customer (customerId in the body), within a call, through
   * the call center (see actingPartyOf).
   * Not @Idempotent(): checkout is idempotent in its own transaction (unique (customer, Idempotency-Key) on
   * the order, request hash), which also covers what the key store would: a concurrent duplicate waits on
   * that unique key and gets the first order, a key whose instance died mid-checkout is free as soon as the
   * server rolls its transaction back, and a refusal writes nothing, so its retry runs again.
   */
  @Post()
  @Roles('customer', 'agent', 'service')
  @ApiCreatedResponse({
    description: 'The order (a retry with the same key: the first one, with Idempotent-Replayed).',
    ...ORDER_VIEW,
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
  })
  @ProblemResponses({
    400: ['customer-required', 'idempotency-key-required'],
    403: ['not-your-account'],
    409: ['out-of-stock', 'slot-full'],
    422: [
      'idempotency-key-reused',
      'too-many-lines',
      'unknown-zone',
      'invalid-order-lines',
      'temperature-class-not-served',
      'unknown-slot',
      'slot-in-the-past',
      'slot-past-cutoff',
      'slot-wrong-zone',
    ],
  })
  async checkout(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CheckoutDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = requireIdempotencyKey(idempotencyKey);
    const { actor, agentId } = actingPartyOf(principal);
    let customerId = principal.subject;
    if (agentId) {
      if (!body.customerId) throw new CustomerRequiredError();
      customerId = body.customerId;
    } else if (body.customerId !== undefined && body.customerId !== principal.subject) {
      throw new NotYourAccountError();
    }
    const { details, created } = await this.checkoutService.checkout({
      customerId,
      idempotencyKey: key,
      body,
      actor,
      agentId,
    });
    // As @Idempotent() marks a replay, so clients tell a retry's answer from a new order the same way.
    if (!created) void reply.header('idempotent-replayed', 'true');
    return view(principal, details);
  }

  /**
   * Admins, agents and the call center's screen pop (service) list and filter; a customer's list is always
   * their own orders.
   */
  @Get()
  @Roles('customer', 'agent', 'admin', 'service')
  @ApiOkResponse({ type: OrderListView })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListOrdersQueryDto) {
    const filter = isCustomerOnly(principal) ? { ...query, customerId: principal.subject } : query;
    const { orders, total } = await this.queries.list(filter);
    return { total, orders: orders.map(orderSummary) };
  }

  /**
   * Another customer's order is 404, exactly like one that does not exist. The call center (service) reads
   * an order to check it is the caller's before an agent acts on it.
   */
  @Get(':id')
  @Roles('customer', 'agent', 'admin', 'service')
  @ApiOkResponse(ORDER_VIEW)
  @ProblemResponses({ 404: ['not-found'] })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return view(principal, await this.visible(principal, id));
  }

  /** Agents listed so that they hear they act through the call center (actingPartyOf), not a bare 403. */
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('customer', 'agent', 'admin', 'service')
  @ApiOkResponse(ORDER_VIEW)
  @ProblemResponses({ 404: ['not-found'], 409: ['illegal-transition'] })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CancelOrderDto,
  ) {
    const { actor, agentId } = actingPartyOf(principal);
    await this.visible(principal, id);
    const reason = isCustomerOnly(principal)
      ? 'customer_request'
      : agentId
        ? 'agent_request'
        : 'admin_request';
    await this.actions.cancel(id, reason, actor, body.note ?? null);
    return view(principal, (await this.queries.detailsFromWriter(id))!);
  }

  /**
   * A goodwill or damage refund by an admin, or by an agent through the call center; the Idempotency-Key
   * makes a double-click refund once.
   */
  @Post(':id/refunds')
  @Idempotent()
  @Roles('agent', 'admin', 'service')
  @ApiCreatedResponse({ type: OrderRefundView })
  @ProblemResponses({
    400: ['idempotency-key-required'],
    404: ['not-found'],
    409: ['not-paid', 'refund-exceeds-payment', 'refund-in-flight'],
    422: ['idempotency-key-reused'],
  })
  async refund(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RefundOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    const key = requireIdempotencyKey(idempotencyKey);
    const { actor } = actingPartyOf(principal);
    const outcome = await this.actions.refund(
      id,
      { idempotencyKey: key, amountFen: body.amountFen, reason: body.reason, note: body.note ?? null },
      actor,
    );
    if (outcome.kind === 'unknown-order') throw new NotFoundError(`order ${id}`);
    if (outcome.kind === 'key-reused') throw new IdempotencyKeyReusedError('refund');
    const { refund } = outcome;
    return {
      id: refund.id,
      orderId: id,
      amountFen: refund.amountFen,
      reason: refund.reason,
      createdAt: refund.createdAt.toISOString(),
    };
  }

  private async visible(principal: Principal, id: string): Promise<OrderDetails> {
    const details = await this.queries.detailsFromWriter(id);
    if (!details || (isCustomerOnly(principal) && details.order.customerId !== principal.subject))
      throw new NotFoundError(`order ${id}`);
    return details;
  }
}
