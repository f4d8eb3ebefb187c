import { Module } from '@nestjs/common';
import { InventoryController } from './inventory.controller';
import { InventoryQueriesService } from './inventory-queries.service';
import { InventoryService } from './inventory.service';
import { StockCountedEventsController } from './stock-counted-events.controller';

@Module({
  controllers: [InventoryController, StockCountedEventsController],
  providers: [InventoryService, InventoryQueriesService],
  exports: [InventoryService],
})
export class InventoryModule {}
