import { Module } from '@nestjs/common';
import { InventoryController } from './inventory.controller';
import { InventoryQueriesService } from './inventory-queries.service';
import { InventoryService } from './inventory.service';
import { StockCountedConsumer } from './stock-counted.consumer';

@Module({
  controllers: [InventoryController, StockCountedConsumer],
  providers: [InventoryService, InventoryQueriesService],
  exports: [InventoryService],
})
export class InventoryModule {}
