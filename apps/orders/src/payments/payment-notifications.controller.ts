import { NotFoundError } from '@harvest/platform/errors';
import { ProblemException, ProblemResponses, problemType, Public, rawBodyOf } from '@harvest/platform/http';
import { PaymentNotificationRejected, type PaymentChannel } from '@harvest/platform/payments';
import { Controller, HttpCode, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { paymentNotificationPath } from '../config/orders.config';
import { WechatNotificationAnswer } from './dto/payment-views.dto';
import { PAYMENT_PROVIDERS, type PaymentProviders } from './payment-providers';
import { ProviderPaymentsService } from './provider-payments.service';

export const WECHATPAY_NOTIFICATION_PATH = paymentNotificationPath('wechatpay');
export const ALIPAY_NOTIFICATION_PATH = paymentNotificationPath('alipay');

/** The body is read raw (no DTO), so the body parser's own refusals (syntax, size, media type) are listed here. */
const NOTIFICATION_PROBLEMS = {
  400: ['invalid-notification', 'about:blank'],
  401: ['bad-signature'],
  404: ['not-found'],
  413: ['about:blank'],
  415: ['about:blank'],
} as const;

/**
 * The providers' payment notifications. Public (a provider has no token): the signature over the raw body
 * with the provider's key is the authentication, checked before anything is read or written. A refused one
 * is problem+json (with WeChat Pay's `code: FAIL` and `message`, so its logs say why); an accepted one gets
 * the exact answer the provider needs to stop resending. Applying the same notification again writes nothing.
 */
@Controller('payments/notifications')
export class PaymentNotificationsController {
  private readonly logger = new Logger('PaymentNotifications');

  constructor(
    private readonly payments: ProviderPaymentsService,
    @Inject(PAYMENT_PROVIDERS) private readonly providers: PaymentProviders,
  ) {}

  @Post('wechatpay')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: WechatNotificationAnswer })
  @ProblemResponses(NOTIFICATION_PROBLEMS)
  wechatpay(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.receive('wechatpay', request, reply);
  }

  @Post('alipay')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The exact text Alipay needs to stop resending.',
    content: { 'text/plain': { schema: { type: 'string', enum: ['success'] } } },
  })
  @ProblemResponses(NOTIFICATION_PROBLEMS)
  alipay(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.receive('alipay', request, reply);
  }

  private async receive(
    channel: PaymentChannel,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string> {
    const provider = this.providers.get(channel);
    if (!provider) throw new NotFoundError(`payments through ${channel}`);
    let report;
    try {
      report = provider.verifyNotification(
        { headers: request.headers, rawBody: rawBodyOf(request) ?? Buffer.alloc(0) },
        new Date(),
      );
    } catch (error) {
      if (!(error instanceof PaymentNotificationRejected)) throw error;
      this.logger.warn(`${channel} notification refused: ${error.reason}`);
      const unauthenticated = error.reason === 'bad-signature' || error.reason === 'stale';
      throw new ProblemException(unauthenticated ? 401 : 400, {
        type: problemType(unauthenticated ? 'bad-signature' : 'invalid-notification'),
        detail: `the ${channel} notification was refused: ${error.message}`,
        code: 'FAIL',
        message: error.reason,
      });
    }
    const outcome = await this.payments.applyReport(channel, report, `provider:${channel}`);
    if (outcome === 'unknown-payment') throw new NotFoundError(`payment ${report.outTradeNo}`);
    if (outcome !== 'unchanged' && outcome !== 'paid')
      this.logger.warn(`${channel} payment ${report.outTradeNo}: ${outcome}`);
    const ack = provider.acknowledgement();
    void reply.header('content-type', ack.contentType);
    return ack.body;
  }
}
