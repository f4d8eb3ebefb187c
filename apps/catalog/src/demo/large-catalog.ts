import type { Database } from '@harvest/platform/database';
import { pinyinForms } from '../products/product-naming';
import { DEMO_CATEGORIES, DEMO_FARMS, DEMO_ITEMS } from './demo-catalog';

/** Grades and pack sizes that multiply the demo items into a large, still plausible catalog. */
const GRADES = ['', '精选', '特级', '有机', '家庭装', '礼盒'];
const PACK_FACTORS = [1, 2, 3, 5];

export interface GeneratedProductRow {
  id: string;
  name: string;
  namePinyin: string;
  namePinyinCompact: string;
  nameInitials: string;
  categoryId: string;
  farmId: string;
  organic: boolean;
  minPriceFen: number;
  skus: Array<{
    id: string;
    name: string;
    soldBy: string;
    priceFen: number;
    temperatureClass: string;
    shelfLifeDays: number;
  }>;
}

/**
 * Product number `n` (from 1) of a generated benchmark catalog: deterministic, so two runs with the same
 * arguments produce the same rows. Ids are `gen-prod-<n>` / `gen-sku-<n>-<k>`, apart from the demo ids.
 */
export function generatedProduct(n: number, skusPerProduct: number): GeneratedProductRow {
  const item = DEMO_ITEMS[n % DEMO_ITEMS.length]!;
  const farm = DEMO_FARMS[Math.floor(n / DEMO_ITEMS.length) % DEMO_FARMS.length]!;
  const grade = GRADES[Math.floor(n / (DEMO_ITEMS.length * DEMO_FARMS.length)) % GRADES.length]!;
  const name = `${farm.prefix}${grade}${item.name} ${n}`;
  const forms = pinyinForms(name);
  const skus = Array.from({ length: skusPerProduct }, (_, k) => {
    const factor = PACK_FACTORS[k % PACK_FACTORS.length]!;
    return {
      id: `gen-sku-${n}-${k + 1}`,
      name: factor === 1 ? item.skuName : `${item.skuName}×${factor}`,
      soldBy: item.soldBy,
      priceFen: Math.round((item.priceFen * farm.priceFactor * factor * (1 + (n % 7) / 20)) / 10) * 10,
      temperatureClass: item.temperatureClass,
      shelfLifeDays: item.shelfLifeDays,
    };
  });
  return {
    id: `gen-prod-${n}`,
    name,
    namePinyin: forms.syllables,
    namePinyinCompact: forms.compact,
    nameInitials: forms.initials,
    categoryId: item.categoryId,
    farmId: farm.id,
    organic: farm.organic || grade === '有机',
    minPriceFen: Math.min(...skus.map((s) => s.priceFen)),
    skus,
  };
}

/** The demo categories, as rows (INSERT IGNORE: those already there stay). */
export async function insertDemoCategories(db: Database): Promise<void> {
  const paths = new Map<string, string>();
  for (const c of DEMO_CATEGORIES) {
    const path = `${c.parentId ? paths.get(c.parentId) : '/'}${c.id}/`;
    paths.set(c.id, path);
    await db.writer.query(
      'INSERT IGNORE INTO category (id, parent_id, name, path, min_shelf_life_days_at_delivery, version) VALUES (?, ?, ?, ?, ?, 1)',
      [c.id, c.parentId ?? null, c.name, path, c.minShelfLifeDaysAtDelivery],
    );
  }
}

/**
 * Generated products and their SKUs as active rows in one transaction, one created_at for the batch (rows only,
 * no events: a reindex or the in-process index's look at changed products picks them up).
 */
export async function insertGeneratedProducts(db: Database, rows: GeneratedProductRow[]): Promise<void> {
  const now = new Date();
  await db.transaction(async (em) => {
    await em.query(
      `INSERT IGNORE INTO product (id, name, name_pinyin, name_pinyin_compact, name_initials, description, category_id, farm_id, organic,
         organic_certificate_no, status, image_ids, min_price_fen, version, created_at, updated_at, search_changed_at) VALUES ${rows.map(() => "(?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 'active', '[]', ?, 1, ?, ?, ?)").join(', ')}`,
      rows.flatMap((p) => [
        p.id,
        p.name,
        p.namePinyin,
        p.namePinyinCompact,
        p.nameInitials.slice(0, 100),
        p.categoryId,
        p.farmId,
        p.organic,
        p.organic ? `ORG-${p.id}` : null,
        p.minPriceFen,
        now,
        now,
        now,
      ]),
    );
    const skus = rows.flatMap((p) => p.skus.map((s) => ({ ...s, productId: p.id })));
    await em.query(
      `INSERT IGNORE INTO sku (id, product_id, name, sold_by, price_fen, temperature_class, shelf_life_days, status, version, created_at) VALUES ${skus.map(() => "(?, ?, ?, ?, ?, ?, ?, 'active', 1, ?)").join(', ')}`,
      skus.flatMap((s) => [
        s.id,
        s.productId,
        s.name,
        s.soldBy,
        s.priceFen,
        s.temperatureClass,
        s.shelfLifeDays,
        now,
      ]),
    );
  });
}
