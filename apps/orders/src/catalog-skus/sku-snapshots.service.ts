import type { SkuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { selectRows, upsertIfNewer } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SkuSnapshot } from './entities/sku-snapshot.entity';

/** Keeps the local SKU snapshot current from catalog events; checkout prices from it. */
@Injectable()
export class SkuSnapshotsService {
  /** Applies a SKU's new state unless the held one is as new or newer (events may be redelivered or overtaken). */
  apply(em: EntityManager, sku: SkuChangedV1): Promise<void> {
    return upsertIfNewer(
      em,
      'sku_snapshot',
      {
        sku_id: sku.skuId,
        product_id: sku.productId,
        name: sku.name,
        category_id: sku.categoryId,
        status: sku.status,
        sold_by: sku.soldBy,
        price_fen: sku.priceFen,
        temperature_class: sku.temperatureClass,
        shelf_life_days: sku.shelfLifeDays,
        min_shelf_life_days_at_delivery: sku.minShelfLifeDaysAtDelivery,
        version: sku.version,
      },
      { key: ['sku_id'] },
    );
  }

  async findMany(em: EntityManager, skuIds: string[]): Promise<Map<string, SkuSnapshot>> {
    if (skuIds.length === 0) return new Map();
    const rows = await selectRows(em, SkuSnapshot, 'sku_id IN (?)', [skuIds]);
    return new Map(rows.map((row) => [row.skuId, row]));
  }
}
