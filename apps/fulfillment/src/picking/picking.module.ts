import { Module } from '@nestjs/common';
import { StockCountsModule } from '../stock-counts/stock-counts.module';
import { PickCompletionService } from './pick-completion.service';
import { PickingService } from './picking.service';
import { ScannerController } from './scanner.controller';
import { WavesController } from './waves.controller';
import { WavesService } from './waves.service';

@Module({
  imports: [StockCountsModule],
  controllers: [ScannerController, WavesController],
  providers: [PickingService, PickCompletionService, WavesService],
  exports: [PickCompletionService],
})
export class PickingModule {}
