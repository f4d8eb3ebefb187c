import { Module } from '@nestjs/common';
import { StockCountsModule } from '../stock-counts/stock-counts.module';
import { DemoStockService } from './demo-stock.service';

@Module({ imports: [StockCountsModule], providers: [DemoStockService], exports: [DemoStockService] })
export class DemoDataModule {}
