import { Module } from '@nestjs/common';
import { InventoryController } from './inventory.controller';
import { InventoryService } from './inventory.service';
import { StockCountedEventsController } from './stock-counted-events.controller';

@Module({
  controllers: [InventoryController, StockCountedEventsController],
  providers: [InventoryService],
  exports: [InventoryService],
})
export class InventoryModule {}
