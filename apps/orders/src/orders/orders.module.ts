import { Module } from '@nestjs/common';
import { CatalogSkusModule } from '../catalog-skus/catalog-skus.module';
import { DeliverySlotsModule } from '../delivery-slots/delivery-slots.module';
import { FulfillmentEventsModule } from '../fulfillment-events/fulfillment-events.module';
import { InventoryModule } from '../inventory/inventory.module';
import { OrderLifecycleModule } from '../order-lifecycle/order-lifecycle.module';
import { PaymentsModule } from '../payments/payments.module';
import { ReservationExpiryModule } from '../reservation-expiry/reservation-expiry.module';
import { CheckoutService } from './checkout.service';
import { OrderActionsService } from './order-actions.service';
import { OrderQueriesService } from './order-queries.service';
import { OrdersController } from './orders.controller';

/**
 * Checkout and the orders API; it also brings in the features that move orders on after checkout (payments,
 * fulfillment events, reservation expiry), each its own module, so the service definition lists this one.
 */
@Module({
  imports: [
    CatalogSkusModule,
    InventoryModule,
    DeliverySlotsModule,
    OrderLifecycleModule,
    PaymentsModule,
    FulfillmentEventsModule,
    ReservationExpiryModule,
  ],
  controllers: [OrdersController],
  providers: [CheckoutService, OrderActionsService, OrderQueriesService],
})
export class OrdersModule {}
