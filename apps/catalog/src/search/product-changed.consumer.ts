import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { productChangedV1 } from '@harvest/contracts/catalog-product-changed';
import { CACHE_STORE, type CacheStore } from '@harvest/platform/cache';
import { InboxService, RethrowEventErrorsFilter } from '@harvest/platform/events';
import { productDetailKey } from '../products/product-detail-key';
import { SearchIndexSyncService } from './search-index-sync.service';

/**
 * Catalog's own product-changed events drive its read side: the cached detail is dropped (so the next read
 * loads the new state) and the search document is rewritten, or queued for catch-up if Elasticsearch is away.
 */
@Controller()
@UseFilters(RethrowEventErrorsFilter)
export class ProductChangedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly sync: SearchIndexSyncService,
    @Inject(CACHE_STORE) private readonly cache: CacheStore,
  ) {}

  @EventPattern(productChangedV1.topic)
  async onProductChanged(@Payload() message: unknown): Promise<void> {
    const event = productChangedV1.parse(message);
    // Deleting a cache key is harmless to repeat, so it happens on every delivery, not once.
    await this.cache.delete(productDetailKey(event.payload.productId));
    await this.inbox.handleOnce('catalog.search-index', event, (em) =>
      this.sync.sync(em, [event.payload.productId]),
    );
  }
}
