import { Module } from '@nestjs/common';
import { SkuEventsController } from './sku-events.controller';
import { SkuSnapshotsService } from './sku-snapshots.service';

@Module({
  controllers: [SkuEventsController],
  providers: [SkuSnapshotsService],
  exports: [SkuSnapshotsService],
})
export class CatalogSkusModule {}
