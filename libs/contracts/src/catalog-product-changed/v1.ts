import { z } from 'zod';
import { defineEvent } from '../define-event';

export const productChangedV1Schema = z.object({
  productId: z.string().min(1),
  skuIds: z.array(z.string().min(1)),
  changeKind: z.enum(['created', 'updated', 'archived']),
  /** The product's row version after the change; consumers ignore a change older than what they hold. */
  version: z.number().int().min(0),
});

/** Catalog announces that a product (or its SKUs) changed. Keyed by productId, so one product's changes stay in order. */
export const productChangedV1 = defineEvent({
  topic: 'catalog.product-changed',
  type: 'catalog.product-changed',
  version: 1,
  schema: productChangedV1Schema,
});

export type ProductChangedV1 = z.infer<typeof productChangedV1Schema>;
