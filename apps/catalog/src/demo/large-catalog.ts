import { pinyinForms } from '../products/product-naming';
import { DEMO_FARMS, DEMO_ITEMS } from './demo-catalog';

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
