import type { SkuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { SkuSnapshot } from './entities/sku-snapshot.entity';

const COLUMNS = ['name', 'category_id', 'sold_by', 'temperature_class', 'shelf_life_days', 'min_shelf_life_days_at_delivery'] as const;

/** Keeps the local SKU snapshot current from catalog events; put-away and allocation read it. */
@Injectable()
export class SkuSnapshotsService {
  /** Applies a SKU's new state unless the held one is as new or newer; one statement, so racing deliveries cannot interleave. */
  async apply(em: EntityManager, sku: SkuChangedV1): Promise<void> {
    const updates = COLUMNS.map((c) => `${c} = IF(VALUES(version) > version, VALUES(${c}), ${c})`).join(', ');
    await em.query(
      `INSERT INTO sku_snapshot (sku_id, ${COLUMNS.join(', ')}, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE ${updates}, version = GREATEST(version, VALUES(version))`,
      [sku.skuId, sku.name, sku.categoryId, sku.soldBy, sku.temperatureClass, sku.shelfLifeDays, sku.minShelfLifeDaysAtDelivery, sku.version],
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
