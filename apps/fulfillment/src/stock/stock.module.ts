import { Module } from '@nestjs/common';
import { SkusModule } from '../skus/skus.module';
import { StockCountsModule } from '../stock-counts/stock-counts.module';
import { StockController } from './stock.controller';
import { StockService } from './stock.service';

@Module({
  imports: [SkusModule, StockCountsModule],
  controllers: [StockController],
  providers: [StockService],
})
export class StockModule {}
