import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { Product } from '../products/entities/product.entity';
import { productHit } from '../products/product-hit';
import {
  PRICE_BUCKETS,
  sortFacet,
  type ProductSearchEngine,
  type ProductSearchQuery,
  type ProductSearchResult,
  type ProductSuggestion,
} from './product-search.port';

/** LIKE patterns take the query literally. */
const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const IN_STOCK = (alias: string) =>
  `EXISTS (SELECT 1 FROM sku s2 JOIN sku_availability a ON a.sku_id = s2.id
     WHERE s2.product_id = ${alias}.id AND s2.status = 'active' AND a.fulfillment_center_id = :fc AND a.available > 0)`;

/**
 * Search on the catalog's own tables: the embedded default and the fallback while Elasticsearch is away.
 * Matches the name, its pinyin and its initials by substring (no typo tolerance); facets are exact.
 */
export class SqlProductSearch implements ProductSearchEngine {
  readonly name = 'sql' as const;

  constructor(private readonly db: Database) {}

  search(query: ProductSearchQuery): Promise<ProductSearchResult> {
    return this.db.read(async (em) => {
      const base = () => matching(em, query);
      const page = base()
        .select([
          'p.id',
          'p.name',
          'p.categoryId',
          'p.farmId',
          'p.organic',
          'p.minPriceFen',
          'p.imageIds',
          'p.createdAt',
        ])
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize);
      orderBy(page, query);
      const [products, total] = await page.getManyAndCount();
      const countBy = async (column: string) =>
        (
          await base()
            .select(column, 'value')
            .addSelect('COUNT(*)', 'count')
            .groupBy(column)
            .getRawMany<{ value: string | number; count: string }>()
        ).map((row) => ({ value: String(row.value), count: Number(row.count) }));
      const temperature = await base()
        .innerJoin('sku', 's', "s.product_id = p.id AND s.status = 'active'")
        .select('s.temperature_class', 'value')
        .addSelect('COUNT(DISTINCT p.id)', 'count')
        .groupBy('s.temperature_class')
        .getRawMany<{ value: string; count: string }>();
      const priceSelect = PRICE_BUCKETS.map(
        (b, i) =>
          `SUM(p.min_price_fen >= ${b.fromFen}${b.toFen === null ? '' : ` AND p.min_price_fen < ${b.toFen}`}) AS b${i}`,
      ).join(', ');
      const prices = (await base().select(priceSelect).getRawOne<Record<string, string | null>>()) ?? {};
      const inStock = query.fulfillmentCenterId
        ? await base().andWhere(IN_STOCK('p'), { fc: query.fulfillmentCenterId }).getCount()
        : null;
      return {
        total,
        items: products.map(productHit),
        facets: {
          category: sortFacet(await countBy('p.category_id')),
          farm: sortFacet(await countBy('p.farm_id')),
          temperatureClass: sortFacet(temperature.map((r) => ({ value: r.value, count: Number(r.count) }))),
          organic: sortFacet(
            (await countBy('p.organic')).map((c) => ({
              value: c.value === '1' ? 'true' : 'false',
              count: c.count,
            })),
          ),
          price: PRICE_BUCKETS.map((b, i) => ({ ...b, count: Number(prices[`b${i}`] ?? 0) })),
          inStock:
            query.fulfillmentCenterId && inStock !== null
              ? { fulfillmentCenterId: query.fulfillmentCenterId, count: inStock }
              : null,
        },
      };
    });
  }

  /** Names containing the typed characters, pinyin or initials; those starting with them first. */
  suggest(prefix: string, size: number): Promise<ProductSuggestion[]> {
    const typed = likeEscape(prefix.toLowerCase().replace(/\s+/g, ''));
    return this.db.read(async (em) =>
      (
        await em
          .createQueryBuilder(Product, 'p')
          .select(['p.id', 'p.name'])
          .addSelect('(p.name LIKE :starts OR p.name_pinyin_compact LIKE :starts)', 'starts_with')
          .where("p.status = 'active'")
          .andWhere(
            '(p.name LIKE :contains OR p.name_pinyin_compact LIKE :contains OR p.name_initials LIKE :contains)',
          )
          .setParameters({ starts: `${typed}%`, contains: `%${typed}%` })
          .orderBy('starts_with', 'DESC')
          .addOrderBy('p.name', 'ASC')
          .take(size)
          .getMany()
      ).map(({ id, name }) => ({ id, name })),
    );
  }
}

function matching(em: EntityManager, query: ProductSearchQuery): SelectQueryBuilder<Product> {
  const qb = em.createQueryBuilder(Product, 'p').where("p.status = 'active'");
  const text = query.text?.trim();
  if (text) {
    const compact = likeEscape(text.toLowerCase().replace(/\s+/g, ''));
    qb.andWhere(
      '(p.name LIKE :name OR p.name_pinyin_compact LIKE :compact OR p.name_initials LIKE :compact)',
      {
        name: `%${likeEscape(text)}%`,
        compact: `%${compact}%`,
      },
    );
  }
  if (query.categoryIds)
    qb.andWhere('p.category_id IN (:...categoryIds)', { categoryIds: query.categoryIds });
  if (query.farmIds) qb.andWhere('p.farm_id IN (:...farmIds)', { farmIds: query.farmIds });
  if (query.organic !== undefined) qb.andWhere('p.organic = :organic', { organic: query.organic });
  if (query.priceMinFen !== undefined)
    qb.andWhere('p.min_price_fen >= :priceMin', { priceMin: query.priceMinFen });
  if (query.priceMaxFen !== undefined)
    qb.andWhere('p.min_price_fen <= :priceMax', { priceMax: query.priceMaxFen });
  if (query.temperatureClasses) {
    qb.andWhere(
      "EXISTS (SELECT 1 FROM sku s1 WHERE s1.product_id = p.id AND s1.status = 'active' AND s1.temperature_class IN (:...temps))",
      { temps: query.temperatureClasses },
    );
  }
  if (query.inStockOnly && query.fulfillmentCenterId)
    qb.andWhere(IN_STOCK('p'), { fc: query.fulfillmentCenterId });
  return qb;
}

function orderBy(qb: SelectQueryBuilder<Product>, query: ProductSearchQuery): void {
  if (query.sort === 'price_asc') qb.orderBy('p.minPriceFen', 'ASC');
  else if (query.sort === 'price_desc') qb.orderBy('p.minPriceFen', 'DESC');
  else qb.orderBy('p.createdAt', 'DESC'); // relevance without a scorer: newest first
  qb.addOrderBy('p.id', 'ASC');
}
