import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module';
import { FulfillmentOrdersController } from './fulfillment-orders.controller';
import { FulfillmentOrdersService } from './fulfillment-orders.service';
import { OrderEventsController } from './order-events.controller';

@Module({
  imports: [AllocationModule],
  controllers: [OrderEventsController, FulfillmentOrdersController],
  providers: [FulfillmentOrdersService],
})
export class OrdersModule {}
