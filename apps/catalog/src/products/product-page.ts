import type { EntityManager } from 'typeorm';
import { Product, type ProductStatus } from './entities/product.entity';
import { decodeCursor, encodeCursor } from './domain/listing-cursor';

export interface ProductPageFilter {
  categoryIds?: string[];
  status?: ProductStatus;
}

/** One page of products, newest first, after an opaque cursor; `nextCursor` is null on the last page. */
export async function productPage(
  em: EntityManager,
  filter: ProductPageFilter,
  cursor: string | undefined,
  limit: number,
): Promise<{ products: Product[]; nextCursor: string | null }> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const query = em
    .createQueryBuilder(Product, 'p')
    .orderBy('p.created_at', 'DESC')
    .addOrderBy('p.id', 'DESC')
    .take(limit + 1);
  if (filter.categoryIds)
    query.andWhere('p.category_id IN (:...categoryIds)', { categoryIds: filter.categoryIds });
  if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
  if (after) {
    query.andWhere('(p.created_at < :at OR (p.created_at = :at AND p.id < :id))', {
      at: after.createdAt,
      id: after.id,
    });
  }
  const rows = await query.getMany();
  const products = rows.slice(0, limit);
  const last = products[products.length - 1];
  return { products, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
