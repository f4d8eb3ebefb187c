import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { OrderLifecycleModule } from '../order-lifecycle/order-lifecycle.module';
import { FulfillmentEventsConsumer } from './fulfillment-events.consumer';
import { FulfillmentProgressService } from './fulfillment-progress.service';

/** Fulfillment's picked, short-picked, packed, shipped and delivered events, which move orders on. */
@Module({
  imports: [OrderLifecycleModule, InventoryModule],
  controllers: [FulfillmentEventsConsumer],
  providers: [FulfillmentProgressService],
})
export class FulfillmentEventsModule {}
