import { Module } from '@nestjs/common';
import { OrderLifecycleModule } from '../order-lifecycle/order-lifecycle.module';
import { PaymentCallbackController } from './payment-callback.controller';
import { PaymentCallbackService } from './payment-callback.service';

/** The payment provider's signed callback, which pays orders. */
@Module({
  imports: [OrderLifecycleModule],
  controllers: [PaymentCallbackController],
  providers: [PaymentCallbackService],
})
export class PaymentsModule {}
