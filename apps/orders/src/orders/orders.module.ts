import { Module } from '@nestjs/common';
import { CatalogSkusModule } from '../catalog-skus/catalog-skus.module';
import { DeliverySlotsModule } from '../delivery-slots/delivery-slots.module';
import { InventoryModule } from '../inventory/inventory.module';
import { OrderLifecycleModule } from '../order-lifecycle/order-lifecycle.module';
import { CheckoutService } from './checkout.service';
import { OrderActionsService } from './order-actions.service';
import { OrderQueriesService } from './order-queries.service';
import { OrdersController } from './orders.controller';

/** Checkout and the orders API (list, read, cancel, refund). */
@Module({
  imports: [CatalogSkusModule, InventoryModule, DeliverySlotsModule, OrderLifecycleModule],
  controllers: [OrdersController],
  providers: [CheckoutService, OrderActionsService, OrderQueriesService],
  exports: [CheckoutService],
})
export class OrdersModule {}
