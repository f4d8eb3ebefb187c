import { Module } from '@nestjs/common';
import { CatalogSkusModule } from '../catalog-skus/catalog-skus.module';
import { DeliverySlotsModule } from '../delivery-slots/delivery-slots.module';
import { FulfillmentEventsController } from '../fulfillment-events/fulfillment-events.controller';
import { FulfillmentProgressService } from '../fulfillment-events/fulfillment-progress.service';
import { InventoryModule } from '../inventory/inventory.module';
import { PaymentCallbackController } from '../payments/payment-callback.controller';
import { PaymentCallbackService } from '../payments/payment-callback.service';
import { ReservationExpiryJob } from '../reservation-expiry/reservation-expiry.job';
import { CheckoutService } from './checkout.service';
import { OrderActionsService } from './order-actions.service';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderQueriesService } from './order-queries.service';
import { OrdersController } from './orders.controller';

/** Checkout, the order lifecycle, payment callbacks, fulfillment progress and reservation expiry. */
@Module({
  imports: [CatalogSkusModule, InventoryModule, DeliverySlotsModule],
  controllers: [OrdersController, PaymentCallbackController, FulfillmentEventsController],
  providers: [
    CheckoutService,
    OrderActionsService,
    OrderLifecycleService,
    OrderQueriesService,
    FulfillmentProgressService,
    PaymentCallbackService,
    ReservationExpiryJob,
  ],
  exports: [OrderLifecycleService, ReservationExpiryJob],
})
export class OrdersModule {}
