import { Module } from '@nestjs/common';
import { AllocationService } from '../allocation/allocation.service';
import { PickingModule } from '../picking/picking.module';
import { SkusModule } from '../skus/skus.module';
import { FulfillmentOrdersController } from './fulfillment-orders.controller';
import { FulfillmentOrdersService } from './fulfillment-orders.service';
import { OrderEventsController } from './order-events.controller';

@Module({
  imports: [SkusModule, PickingModule],
  controllers: [OrderEventsController, FulfillmentOrdersController],
  providers: [FulfillmentOrdersService, AllocationService],
})
export class OrdersModule {}
