import { Module } from '@nestjs/common';
import { DeliverySlotsModule } from '../delivery-slots/delivery-slots.module';
import { InventoryModule } from '../inventory/inventory.module';
import { OrderLifecycleService } from './order-lifecycle.service';

/**
 * Every change of an order's state after checkout, for the features that cause one (orders' API, payments,
 * fulfillment events, reservation expiry): its own module so that each of them imports it, with no cycle.
 */
@Module({
  imports: [InventoryModule, DeliverySlotsModule],
  providers: [OrderLifecycleService],
  exports: [OrderLifecycleService],
})
export class OrderLifecycleModule {}
