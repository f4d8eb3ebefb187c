import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module';
import { FulfillmentOrdersController } from './fulfillment-orders.controller';
import { FulfillmentOrdersService } from './fulfillment-orders.service';
import { OrderEventsConsumer } from './order-events.consumer';

@Module({
  imports: [AllocationModule],
  controllers: [OrderEventsConsumer, FulfillmentOrdersController],
  providers: [FulfillmentOrdersService],
})
export class FulfillmentOrdersModule {}
