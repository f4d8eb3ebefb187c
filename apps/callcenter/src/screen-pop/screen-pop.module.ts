import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ScreenPopController } from './screen-pop.controller';
import { ScreenPopHub } from './screen-pop-hub';
import { ScreenPopService } from './screen-pop.service';

@Module({
  imports: [DirectoryModule, TicketsModule],
  controllers: [ScreenPopController],
  providers: [ScreenPopService, ScreenPopHub],
  exports: [ScreenPopService],
})
export class ScreenPopModule {}
