import { NotFoundError } from '@harvest/platform/errors';
import { ProblemException, ProblemResponses, problemType, Public, rawBodyOf } from '@harvest/platform/http';
import { Body, Controller, Headers, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders.config';
import { PaymentCallbackDto } from './dto/payment-callback.dto';
import { PaymentCallbackService } from './payment-callback.service';
import { PaymentsNotConfiguredError } from './domain/payment.errors';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyPaymentCallback } from './domain/payment-signature';
import { ApiOkResponse } from '@nestjs/swagger';
import { PaymentCallbackView } from './dto/payment-callback.view.dto';

export const PAYMENT_CALLBACK_PATH = '/payments/callback';

/**
 * The payment provider's signed callback. No bearer token (the provider has none): the HMAC over the raw
 * body is the authentication. Idempotent: the same payment again answers 200 without a second effect.
 */
@Controller('payments')
export class PaymentCallbackController {
  private readonly logger = new Logger('PaymentCallback');

  constructor(
    private readonly payments: PaymentCallbackService,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  @Post('callback')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentCallbackView })
  @ProblemResponses({
    401: ['bad-signature'],
    404: ['not-found'],
    409: ['not-awaiting-payment', 'payment-already-used', 'amount-mismatch'],
    503: ['payments-not-configured'],
  })
  async callback(
    @Req() request: FastifyRequest,
    @Body() body: PaymentCallbackDto,
    @Headers(TIMESTAMP_HEADER) timestamp: string | undefined,
    @Headers(SIGNATURE_HEADER) signature: string | undefined,
  ) {
    const secret = this.config.PAYMENT_CALLBACK_SECRET;
    if (!secret) throw new PaymentsNotConfiguredError();
    const rawBody = rawBodyOf(request);
    const check = rawBody
      ? verifyPaymentCallback({
          secret,
          timestamp,
          signature,
          rawBody,
          now: new Date(),
          maxSkewSeconds: this.config.PAYMENT_CALLBACK_MAX_SKEW_SECONDS,
        })
      : ({ ok: false, reason: 'missing' } as const);
    if (!check.ok) {
      this.logger.warn(`payment callback refused: ${check.reason}`);
      // Authentication is the HTTP layer's (401 has no domain error kind): answered here, as it always was.
      throw new ProblemException(401, {
        type: problemType('bad-signature'),
        detail: `the payment callback signature is ${check.reason === 'stale' ? 'too old or too new' : 'missing or wrong'}`,
      });
    }
    const outcome = await this.payments.apply(body);
    if (outcome === 'unknown-order') throw new NotFoundError(`order ${body.orderId}`);
    return { orderId: body.orderId, outcome };
  }
}
