import { Module } from '@nestjs/common';
import { OrderLifecycleModule } from '../order-lifecycle/order-lifecycle.module';
import { ReservationExpiryJob } from './reservation-expiry.job';

/** Cancels orders whose payment is overdue, on every instance. */
@Module({
  imports: [OrderLifecycleModule],
  providers: [ReservationExpiryJob],
})
export class ReservationExpiryModule {}
