import { Module } from '@nestjs/common';
import { StockCountsService } from './stock-counts.service';

@Module({ providers: [StockCountsService], exports: [StockCountsService] })
export class StockCountsModule {}
