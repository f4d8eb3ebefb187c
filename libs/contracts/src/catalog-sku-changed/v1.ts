import { z } from 'zod';
import { defineEvent } from '../define-event';
import { fenSchema, soldBySchema, temperatureClassSchema } from '../produce';

export const skuChangedV1Schema = z.object({
  skuId: z.string().min(1),
  productId: z.string().min(1),
  /** Chinese display name of the SKU (product name plus pack size), as shown on an order line. */
  name: z.string().min(1),
  categoryId: z.string().min(1),
  status: z.enum(['draft', 'active', 'archived']),
  soldBy: soldBySchema,
  /** Integer fen: per piece, or per 500 g when soldBy is "weight". */
  priceFen: fenSchema,
  temperatureClass: temperatureClassSchema,
  shelfLifeDays: z.number().int().min(1),
  /** Shelf life a customer must still have at delivery, from the SKU's category. */
  minShelfLifeDaysAtDelivery: z.number().int().min(0),
  /** Monotonic per SKU; a consumer ignores a change older than the one it holds. */
  version: z.number().int().min(0),
});

/**
 * The full sellable state of one SKU, published by catalog whenever it changes (event-carried state, so
 * orders and fulfillment keep a local copy and check out without calling catalog). Keyed by skuId.
 */
export const skuChangedV1 = defineEvent({
  topic: 'catalog.sku-changed',
  type: 'catalog.sku-changed',
  version: 1,
  schema: skuChangedV1Schema,
});

export type SkuChangedV1 = z.infer<typeof skuChangedV1Schema>;
