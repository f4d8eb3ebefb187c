import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module';
import { AvailabilityService } from './availability.service';
import { StockChangedConsumer } from './stock-changed.consumer';

/** Stock levels per fulfillment center from orders' stock-changed events ("in stock" in search). */
@Module({ imports: [SearchModule], controllers: [StockChangedConsumer], providers: [AvailabilityService] })
export class AvailabilityModule {}
