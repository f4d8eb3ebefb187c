import { Module } from '@nestjs/common';
import { SkuChangedConsumer } from './sku-changed.consumer';
import { KnownSkusService } from './known-skus.service';

@Module({ controllers: [SkuChangedConsumer], providers: [KnownSkusService], exports: [KnownSkusService] })
export class SkusModule {}
