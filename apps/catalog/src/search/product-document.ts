import type { EntityManager, FindOptionsSelect } from 'typeorm';
import { In, MoreThan } from 'typeorm';
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

/** The product columns a search document is built from; reads for indexing select only these. */
export const DOCUMENT_PRODUCT_COLUMNS = {
  id: true,
  name: true,
  namePinyin: true,
  namePinyinCompact: true,
  nameInitials: true,
  categoryId: true,
  farmId: true,
  organic: true,
  status: true,
  imageIds: true,
  minPriceFen: true,
  createdAt: true,
  searchVersion: true,
} as const satisfies FindOptionsSelect<Product>;

type DocumentProduct = Pick<Product, keyof typeof DOCUMENT_PRODUCT_COLUMNS>;
type DocumentSku = Pick<Sku, 'productId' | 'status' | 'temperatureClass'>;

export function productDocument(
  product: DocumentProduct,
  skus: readonly DocumentSku[],
  category: Pick<Category, 'path'> | undefined,
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

/** Entries for the given products (any status, missing ones too), from MySQL in four queries. */
export async function loadSearchEntries(
  em: EntityManager,
  productIds: readonly string[],
): Promise<Map<string, SearchEntry>> {
  const result = new Map<string, SearchEntry>(
    productIds.map((id) => [id, { document: null, version: null }]),
  );
  if (productIds.length === 0) return result;
  const found = await em.find(Product, {
    where: { id: In([...productIds]) },
    select: DOCUMENT_PRODUCT_COLUMNS,
  });
  for (const product of found) result.set(product.id, { document: null, version: product.searchVersion });
  const documents = await activeProductDocuments(
    em,
    found.filter((p) => p.status === 'active'),
  );
  for (const [id, document] of documents) result.get(id)!.document = document;
  return result;
}

/** One keyset page of active products in id order, after `after`: their entries, and the last id read. */
export async function activeSearchEntryPage(
  em: EntityManager,
  after: string,
  size: number,
): Promise<{ last?: string; entries: Map<string, SearchEntry> }> {
  const products = await em.find(Product, {
    where: { status: 'active', id: MoreThan(after) },
    select: DOCUMENT_PRODUCT_COLUMNS,
    order: { id: 'ASC' },
    take: size,
  });
  const documents = await activeProductDocuments(em, products);
  return {
    last: products.at(-1)?.id,
    entries: new Map(
      products.map((p) => [p.id, { document: documents.get(p.id) ?? null, version: p.searchVersion }]),
    ),
  };
}

/**
 * The documents of products already read (with DOCUMENT_PRODUCT_COLUMNS, all active), in three more
 * queries: their SKUs, categories and in-stock centers. Grouped through maps, so a batch costs linear time.
 */
export async function activeProductDocuments(
  em: EntityManager,
  products: readonly DocumentProduct[],
): Promise<Map<string, ProductDocument>> {
  const documents = new Map<string, ProductDocument>();
  if (products.length === 0) return documents;
  const ids = products.map((p) => p.id);
  const skus = await em.find(Sku, {
    where: { productId: In(ids) },
    select: { id: true, productId: true, status: true, temperatureClass: true },
  });
  const categories = await em.find(Category, {
    where: { id: In([...new Set(products.map((p) => p.categoryId))]) },
    select: { id: true, path: true },
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
  const skusOf = groupBy(skus, (sku) => sku.productId);
  const centersOf = groupBy(stocked, (row) => row.productId);
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  for (const product of products) {
    documents.set(
      product.id,
      productDocument(
        product,
        skusOf.get(product.id) ?? [],
        categoryById.get(product.categoryId),
        (centersOf.get(product.id) ?? []).map((row) => row.fc),
      ),
    );
  }
  return documents;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
