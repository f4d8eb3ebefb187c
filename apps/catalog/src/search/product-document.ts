import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { SkuAvailability } from '../availability/entities/sku-availability.entity';
import { Category } from '../categories/entities/category.entity';
import { Product } from '../products/entities/product.entity';
import { Sku } from '../products/entities/sku.entity';
import { pinyinSearchTerms } from '../products/product-naming';

/** The search document of an active product (what the Elasticsearch index holds). */
export interface ProductDocument {
  name: string;
  pinyin: string;
  initials: string;
  categoryId: string;
  categoryPath: string[];
  farmId: string;
  organic: boolean;
  temperatureClasses: string[];
  minPriceFen: number | null;
  inStockAt: string[];
  createdAt: string;
  imageId: string | null;
  suggest: { input: string[] };
}

export function productDocument(
  product: Product,
  skus: readonly Sku[],
  category: Category | undefined,
  inStockAt: readonly string[],
): ProductDocument {
  const terms = pinyinSearchTerms({
    syllables: product.namePinyin,
    compact: product.namePinyinCompact,
    initials: product.nameInitials,
  });
  const syllables = product.namePinyin.split(' ').filter(Boolean);
  // Completion matches from the start of an input, so each syllable (and each character) starts one.
  const suffixes = syllables.map((_, i) => syllables.slice(i).join('')).slice(0, 8);
  const nameSuffixes = [...product.name].map((_, i) => product.name.slice(i)).slice(0, 8);
  const active = skus.filter((sku) => sku.status === 'active');
  return {
    name: product.name,
    pinyin: [product.namePinyin, ...terms.pinyin].join(' '),
    initials: terms.initials.join(' '),
    categoryId: product.categoryId,
    categoryPath: category ? category.path.split('/').filter(Boolean) : [product.categoryId],
    farmId: product.farmId,
    organic: product.organic,
    temperatureClasses: [...new Set(active.map((sku) => sku.temperatureClass))].sort(),
    minPriceFen: product.minPriceFen,
    inStockAt: [...inStockAt].sort(),
    createdAt: product.createdAt.toISOString(),
    imageId: product.imageIds[0] ?? null,
    suggest: { input: [...new Set([...nameSuffixes, ...suffixes, product.nameInitials].filter(Boolean))] },
  };
}

/** What the index should hold for a product: its document (null: not searchable) at its search version. */
export interface SearchEntry {
  document: ProductDocument | null;
  /** null when the product does not exist at all (then there is nothing to write). */
  version: number | null;
}

/** Entries for the given products, from MySQL in four queries. */
export async function loadSearchEntries(
  em: EntityManager,
  productIds: readonly string[],
): Promise<Map<string, SearchEntry>> {
  const result = new Map<string, SearchEntry>(
    productIds.map((id) => [id, { document: null, version: null }]),
  );
  if (productIds.length === 0) return result;
  const found = await em.find(Product, { where: { id: In([...productIds]) } });
  for (const product of found) result.set(product.id, { document: null, version: product.searchVersion });
  const products = found.filter((p) => p.status === 'active');
  if (products.length === 0) return result;
  const ids = products.map((p) => p.id);
  const skus = await em.find(Sku, { where: { productId: In(ids) } });
  const categories = await em.find(Category, {
    where: { id: In([...new Set(products.map((p) => p.categoryId))]) },
  });
  const stocked = await em
    .createQueryBuilder(SkuAvailability, 'a')
    .innerJoin(Sku, 's', 's.id = a.sku_id')
    .select('s.product_id', 'productId')
    .addSelect('a.fulfillment_center_id', 'fc')
    .where('s.product_id IN (:...ids)', { ids })
    .andWhere("s.status = 'active' AND a.available > 0")
    .groupBy('s.product_id')
    .addGroupBy('a.fulfillment_center_id')
    .getRawMany<{ productId: string; fc: string }>();
  for (const product of products) {
    const document = productDocument(
      product,
      skus.filter((sku) => sku.productId === product.id),
      categories.find((c) => c.id === product.categoryId),
      stocked.filter((row) => row.productId === product.id).map((row) => row.fc),
    );
    result.set(product.id, { document, version: product.searchVersion });
  }
  return result;
}
