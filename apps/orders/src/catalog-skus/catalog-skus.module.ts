import { Module } from '@nestjs/common';
import { SkuChangedConsumer } from './sku-changed.consumer';
import { SkuSnapshotsService } from './sku-snapshots.service';

@Module({
  controllers: [SkuChangedConsumer],
  providers: [SkuSnapshotsService],
  exports: [SkuSnapshotsService],
})
export class CatalogSkusModule {}
