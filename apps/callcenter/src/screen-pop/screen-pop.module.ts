import { Module } from '@nestjs/common';
import { AgentActionsModule } from '../agent-actions/agent-actions.module';
import { DirectoryModule } from '../directory/directory.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ScreenPopController } from './screen-pop.controller';
import { ScreenPopHub } from './screen-pop-hub';
import { ScreenPopService } from './screen-pop.service';
import { StreamTicketService } from './stream-tickets.service';

@Module({
  // Agent actions' orders client gives the pop the caller's recent orders.
  imports: [DirectoryModule, TicketsModule, AgentActionsModule],
  controllers: [ScreenPopController],
  providers: [ScreenPopService, ScreenPopHub, StreamTicketService],
  exports: [ScreenPopService],
})
export class ScreenPopModule {}
