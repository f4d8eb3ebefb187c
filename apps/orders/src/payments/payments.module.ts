import { Module } from '@nestjs/common';
import { OrderLifecycleModule } from '../order-lifecycle/order-lifecycle.module';
import { PaymentCallbackController } from './payment-callback.controller';
import { PaymentCallbackService } from './payment-callback.service';
import { PaymentNotificationsController } from './payment-notifications.controller';
import { paymentProvidersProvider } from './payment-providers';
import { PaymentQueryJob } from './payment-query.job';
import { PaymentQueriesService } from './payment-queries.service';
import { ProviderPaymentsController } from './provider-payments.controller';
import { ProviderPaymentsService } from './provider-payments.service';
import { OrderRefundedConsumer } from './order-refunded.consumer';
import { ProviderRefundsService } from './provider-refunds.service';
import { RefundExecutionJob } from './refund-execution.job';

/**
 * Paying orders: through a provider (WeChat Pay, Alipay: a payment opened by the customer, the provider's
 * verified notification, the active query), refunds executed at the provider (from order.refunded and for
 * money that arrived late), and the older signed callback.
 */
@Module({
  imports: [OrderLifecycleModule],
  controllers: [
    PaymentCallbackController,
    ProviderPaymentsController,
    PaymentNotificationsController,
    OrderRefundedConsumer,
  ],
  providers: [
    PaymentCallbackService,
    paymentProvidersProvider,
    ProviderPaymentsService,
    PaymentQueryJob,
    ProviderRefundsService,
    RefundExecutionJob,
    PaymentQueriesService,
  ],
})
export class PaymentsModule {}
