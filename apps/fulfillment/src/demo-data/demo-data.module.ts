import { Module } from '@nestjs/common';
import { DemoStockService } from './demo-stock.service';

@Module({ providers: [DemoStockService], exports: [DemoStockService] })
export class DemoDataModule {}
