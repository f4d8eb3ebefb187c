import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module';
import { StockCountsModule } from '../stock-counts/stock-counts.module';
import { TemperatureReadingConsumer } from './temperature-reading.consumer';
import { TelemetryController } from './telemetry.controller';
import { TelemetryService } from './telemetry.service';

@Module({
  imports: [AllocationModule, StockCountsModule],
  controllers: [TelemetryController, TemperatureReadingConsumer],
  providers: [TelemetryService],
})
export class TelemetryModule {}
