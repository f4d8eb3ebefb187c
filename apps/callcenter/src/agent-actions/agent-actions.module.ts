import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { AgentActionsController } from './agent-actions.controller';
import { AgentActionsService } from './agent-actions.service';
import { ORDERS_CLIENT } from './orders-client/orders-client.port';
import { ordersClientProvider } from './orders-client/orders-client.provider';

/** What agents do on a customer's behalf through orders, and the orders client they do it with. */
@Module({
  imports: [CallsModule],
  controllers: [AgentActionsController],
  providers: [AgentActionsService, ordersClientProvider],
  exports: [AgentActionsService, ORDERS_CLIENT],
})
export class AgentActionsModule {}
