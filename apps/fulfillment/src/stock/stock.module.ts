import { Module } from '@nestjs/common';
import { SkusModule } from '../skus/skus.module';
import { StockController } from './stock.controller';
import { StockService } from './stock.service';

@Module({ imports: [SkusModule], controllers: [StockController], providers: [StockService] })
export class StockModule {}
