import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { actorOf } from '../orders/actor';
import { StartPaymentDto } from './dto/start-payment.dto';
import { PaymentView } from './dto/payment-views.dto';
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
  constructor(private readonly payments: ProviderPaymentsService) {}

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
}
