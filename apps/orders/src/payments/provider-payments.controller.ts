import { NotFoundError } from '@harvest/platform/errors';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { actorOf, isCustomerOnly } from '../orders/actor';
import { StartPaymentDto } from './dto/start-payment.dto';
import { OrderPaymentsView, PaymentView, type PaymentAuditView } from './dto/payment-views.dto';
import { PaymentQueriesService, type OrderPayments } from './payment-queries.service';
import type { Payment } from './entities/payment.entity';
import { ProviderPaymentsService } from './provider-payments.service';

const paymentView = (payment: Payment): PaymentView => ({
  paymentId: payment.id,
  orderId: payment.orderId,
  channel: payment.channel,
  status: payment.status,
  amountFen: payment.amountFen,
  codeUrl: payment.codeUrl,
  expiresAt: payment.expiresAt.toISOString(),
});

/**
 * The customer pays a placed order: the client calls this after checkout with the wallet chosen, and shows
 * the QR code it gets back. Separate from checkout so that checkout's transaction never waits on a provider,
 * the customer can choose or switch the wallet, and a lost answer is simply asked again (same trade, same code).
 */
@Controller('orders')
export class ProviderPaymentsController {
  constructor(
    private readonly payments: ProviderPaymentsService,
    private readonly queries: PaymentQueriesService,
  ) {}

  @Post(':id/payments')
  @Idempotent()
  @Roles('customer')
  @ApiCreatedResponse({ type: PaymentView, description: 'The payment (the same one again for a retry).' })
  @ProblemResponses({
    404: ['not-found'],
    409: ['order-not-payable', 'payment-provider-refused'],
    422: ['payment-channel-unavailable'],
    503: ['payment-provider-unavailable'],
  })
  async start(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StartPaymentDto,
  ): Promise<PaymentView> {
    const { payment } = await this.payments.open(id, body.channel, actorOf(principal), principal.subject);
    return paymentView(payment);
  }

  /**
   * The order's payments and refunds at the providers. Customers see their own (another's is 404, as for
   * the order) without the audit trail; agents and admins see every state with who, when and the provider's
   * reference, and why a refund did not go through.
   */
  @Get(':id/payments')
  @Roles('customer', 'agent', 'admin')
  @ApiOkResponse({ type: OrderPaymentsView })
  @ProblemResponses({ 404: ['not-found'] })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<OrderPaymentsView> {
    const found = await this.queries.ofOrder(id);
    const customer = isCustomerOnly(principal);
    if (!found || (customer && found.order.customerId !== principal.subject))
      throw new NotFoundError(`order ${id}`);
    return orderPaymentsView(found, !customer);
  }
}

const history = (
  events: Array<{
    fromStatus: string | null;
    toStatus: string;
    actor: string;
    providerReference: string | null;
    detail: string | null;
    at: Date;
  }>,
): PaymentAuditView[] =>
  events.map((e) => ({
    from: e.fromStatus,
    to: e.toStatus,
    actor: e.actor,
    providerReference: e.providerReference,
    detail: e.detail,
    at: e.at.toISOString(),
  }));

function orderPaymentsView(found: OrderPayments, staff: boolean): OrderPaymentsView {
  return {
    orderId: found.order.id,
    payments: found.payments.map(({ payment, events }) => ({
      paymentId: payment.id,
      channel: payment.channel,
      status: payment.status,
      amountFen: payment.amountFen,
      paidAt: payment.paidAt?.toISOString() ?? null,
      createdAt: payment.createdAt.toISOString(),
      ...(staff
        ? {
            outTradeNo: payment.outTradeNo,
            providerTradeNo: payment.providerTradeNo,
            history: history(events),
          }
        : {}),
    })),
    refunds: found.refunds.map(({ refund, events }) => ({
      refundId: refund.id,
      paymentId: refund.paymentId,
      amountFen: refund.amountFen,
      reason: refund.reason,
      status: refund.status,
      createdAt: refund.createdAt.toISOString(),
      ...(staff
        ? {
            outRefundNo: refund.outRefundNo,
            attempts: refund.attempts,
            lastError: refund.lastError,
            providerRefundNo: refund.providerRefundNo,
            history: history(events),
          }
        : {}),
    })),
  };
}
