import { Module } from '@nestjs/common';
import { StockAdjustmentsModule } from '../stock-adjustments/stock-adjustments.module';
import { StockCountsModule } from '../stock-counts/stock-counts.module';
import { CycleCountsController } from './cycle-counts.controller';
import { CycleCountsService } from './cycle-counts.service';

@Module({
  imports: [StockAdjustmentsModule, StockCountsModule],
  controllers: [CycleCountsController],
  providers: [CycleCountsService],
})
export class CycleCountsModule {}
