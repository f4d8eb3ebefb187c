import { Module } from '@nestjs/common';
import { DemoDataModule } from '../demo-data/demo-data.module';
import { SkuEventsController } from './sku-events.controller';
import { SkuSnapshotsService } from './sku-snapshots.service';

@Module({ imports: [DemoDataModule], controllers: [SkuEventsController], providers: [SkuSnapshotsService], exports: [SkuSnapshotsService] })
export class SkusModule {}
