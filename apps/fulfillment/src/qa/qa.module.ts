import { Module } from '@nestjs/common';
import { StockAdjustmentsModule } from '../stock-adjustments/stock-adjustments.module';
import { StockCountsModule } from '../stock-counts/stock-counts.module';
import { ExcursionRaisedConsumer } from './excursion-raised.consumer';
import { QaCasesController } from './qa-cases.controller';
import { QaCasesService } from './qa-cases.service';
import { QaMetricsJob } from './qa-metrics.job';

@Module({
  imports: [StockAdjustmentsModule, StockCountsModule],
  controllers: [QaCasesController, ExcursionRaisedConsumer],
  providers: [QaCasesService, QaMetricsJob],
})
export class QaModule {}
