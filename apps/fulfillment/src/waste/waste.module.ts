import { Module } from '@nestjs/common';
import { WasteMetricsJob } from './waste-metrics.job';
import { WasteController } from './waste.controller';
import { WasteService } from './waste.service';

@Module({ controllers: [WasteController], providers: [WasteService, WasteMetricsJob] })
export class WasteModule {}
