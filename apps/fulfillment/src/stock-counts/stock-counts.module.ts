import { Module } from '@nestjs/common';
import { StockCountsService } from './stock-counts.service';
import { StockExpiryJob } from './stock-expiry.job';

@Module({ providers: [StockCountsService, StockExpiryJob], exports: [StockCountsService, StockExpiryJob] })
export class StockCountsModule {}
