import type { SkuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { selectRows } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SkuSnapshot } from './entities/sku-snapshot.entity';

const COLUMNS = [
  'product_id',
  'name',
  'category_id',
  'status',
  'sold_by',
  'price_fen',
  'temperature_class',
  'shelf_life_days',
  'min_shelf_life_days_at_delivery',
] as const;

/** Keeps the local SKU snapshot current from catalog events; checkout prices from it. */
@Injectable()
export class SkuSnapshotsService {
  /**
   * Applies a SKU's new state unless the held one is as new or newer (events for one SKU may be redelivered
   * or overtaken). One statement, so two deliveries racing cannot interleave.
   */
  async apply(em: EntityManager, sku: SkuChangedV1): Promise<void> {
    const newer = 'VALUES(version) > version';
    const updates = COLUMNS.map((c) => `${c} = IF(${newer}, VALUES(${c}), ${c})`).join(', ');
    await em.query(
      `INSERT INTO sku_snapshot (sku_id, ${COLUMNS.join(', ')}, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE ${updates}, version = GREATEST(version, VALUES(version))`,
      [
        sku.skuId,
        sku.productId,
        sku.name,
        sku.categoryId,
        sku.status,
        sku.soldBy,
        sku.priceFen,
        sku.temperatureClass,
        sku.shelfLifeDays,
        sku.minShelfLifeDaysAtDelivery,
        sku.version,
      ],
    );
  }

  async findMany(em: EntityManager, skuIds: string[]): Promise<Map<string, SkuSnapshot>> {
    if (skuIds.length === 0) return new Map();
    const rows = await selectRows(em, SkuSnapshot, 'sku_id IN (?)', [skuIds]);
    return new Map(rows.map((row) => [row.skuId, row]));
  }
}
