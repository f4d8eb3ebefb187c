import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StockChangedV1 } from '@harvest/contracts/inventory-stock-changed';
import { Product } from '../products/entities/product.entity';
import { Sku } from '../products/entities/sku.entity';
import { SearchIndexSyncService } from '../search/search-index-sync.service';
import { SkuAvailability } from './entities/sku-availability.entity';

@Injectable()
export class AvailabilityService {
  constructor(private readonly sync: SearchIndexSyncService) {}

  /**
   * Records a stock level unless an equal or newer one is already held (events of different keys may
   * arrive out of order after a rebalance). When "in stock" flips for a known SKU, its product's search
   * document changes too. A SKU this catalog does not hold is ignored: orders learns SKUs from catalog,
   * so such an event belongs to another catalog (a shared topic in tests) or to a SKU long gone.
   * Returns whether the level was applied.
   */
  async apply(em: EntityManager, stock: StockChangedV1): Promise<boolean> {
    const sku = await em.findOne(Sku, { where: { id: stock.skuId }, select: { id: true, productId: true } });
    if (!sku) return false;
    const current = await em.findOne(SkuAvailability, {
      where: { skuId: stock.skuId, fulfillmentCenterId: stock.fulfillmentCenterId },
      lock: { mode: 'pessimistic_write' },
    });
    if (current && current.version >= stock.version) return false;
    const wasInStock = (current?.available ?? 0) > 0;
    await em.upsert(
      SkuAvailability,
      {
        skuId: stock.skuId,
        fulfillmentCenterId: stock.fulfillmentCenterId,
        available: stock.available,
        version: stock.version,
        updatedAt: new Date(),
      },
      ['skuId', 'fulfillmentCenterId'],
    );
    if (wasInStock !== stock.available > 0) {
      const sku = await em.findOne(Sku, {
        where: { id: stock.skuId },
        select: { id: true, productId: true },
      });
      if (sku) {
        await em
          .createQueryBuilder()
          .update(Product)
          .set({ searchChangedAt: new Date(), searchVersion: () => 'search_version + 1' })
          .where('id = :id', { id: sku.productId })
          .execute();
        await this.sync.sync(em, [sku.productId]);
      }
    }
    return true;
  }
}
