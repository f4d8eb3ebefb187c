import { Module } from '@nestjs/common';
import { SkusModule } from '../skus/skus.module';
import { StockCountsModule } from '../stock-counts/stock-counts.module';
import { StockAdjustmentsController } from './stock-adjustments.controller';
import { StockAdjustmentsService } from './stock-adjustments.service';
import { StockLedgerService } from './stock-ledger.service';

@Module({
  imports: [SkusModule, StockCountsModule],
  controllers: [StockAdjustmentsController],
  providers: [StockAdjustmentsService, StockLedgerService],
  exports: [StockLedgerService],
})
export class StockAdjustmentsModule {}
