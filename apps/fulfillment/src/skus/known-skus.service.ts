import type { SkuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { upsertIfNewer } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { SkuSnapshot } from './entities/sku-snapshot.entity';

/**
 * The SKUs known here: the local snapshot of what catalog publishes that stock handling needs (storage class,
 * shelf life, sold by piece or weight), kept current from catalog events; put-away and allocation read it.
 */
@Injectable()
export class KnownSkusService {
  /** Applies a SKU's new state unless the held one is as new or newer (events may be redelivered or overtaken). */
  apply(em: EntityManager, sku: SkuChangedV1): Promise<void> {
    return upsertIfNewer(
      em,
      'sku_snapshot',
      {
        sku_id: sku.skuId,
        name: sku.name,
        category_id: sku.categoryId,
        sold_by: sku.soldBy,
        temperature_class: sku.temperatureClass,
        shelf_life_days: sku.shelfLifeDays,
        min_shelf_life_days_at_delivery: sku.minShelfLifeDaysAtDelivery,
        version: sku.version,
      },
      { key: ['sku_id'] },
    );
  }

  find(em: EntityManager, skuId: string): Promise<SkuSnapshot | null> {
    return em.getRepository(SkuSnapshot).findOneBy({ skuId });
  }

  async findMany(em: EntityManager, skuIds: string[]): Promise<Map<string, SkuSnapshot>> {
    if (skuIds.length === 0) return new Map();
    const rows = await em.getRepository(SkuSnapshot).findBy({ skuId: In(skuIds) });
    return new Map(rows.map((row) => [row.skuId, row]));
  }
}
