import { z } from 'zod';
import { defineEvent } from '../define-event';

export const stockChangedV1Schema = z.object({
  skuId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  /** Units for piece SKUs, grams for weighed SKUs. */
  onHand: z.number().int().min(0),
  reserved: z.number().int().min(0),
  /** onHand - reserved, never negative. */
  available: z.number().int().min(0),
  /** Monotonic per SKU and fulfillment center; a consumer ignores an older level than the one it holds. */
  version: z.number().int().min(0),
});

/**
 * The stock level of a SKU at one fulfillment center after a change (receipt, reservation, release,
 * pick). Published by orders, which owns reservation; catalog uses it for "in stock at my fulfillment
 * center". Keyed by `${skuId}@${fulfillmentCenterId}`.
 */
export const stockChangedV1 = defineEvent({
  topic: 'inventory.stock-changed',
  type: 'inventory.stock-changed',
  version: 1,
  schema: stockChangedV1Schema,
});

export type StockChangedV1 = z.infer<typeof stockChangedV1Schema>;
