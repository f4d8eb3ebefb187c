import { z } from 'zod';
import { defineEvent } from '../define-event';

export const stockCountedV1Schema = z.object({
  skuId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  /** Units for piece SKUs, grams for weighed SKUs, in bins (put away, not yet picked), whatever their state. */
  onHand: z.number().int().min(0),
  /** The part of onHand that may be sold: not on QA hold and not expired (allocated units included). */
  sellable: z.number().int().min(0),
  /** The part of onHand on QA hold (e.g. after a temperature excursion). */
  held: z.number().int().min(0),
  /** Monotonic per SKU and center; a consumer ignores a count older than the one it holds. */
  version: z.number().int().min(1),
  countedAt: z.string().datetime(),
});

/**
 * The physical stock of a SKU at a fulfillment center after it changed (put-away, pick, QA hold or release),
 * as event-carried state: a consumer (orders for its on-hand figure, catalog for "in stock here") replaces
 * what it holds with the newest version. Produced by fulfillment. Keyed by `${skuId}@${fulfillmentCenterId}`.
 */
export const stockCountedV1 = defineEvent({
  topic: 'fulfillment.stock-counted',
  type: 'fulfillment.stock-counted',
  version: 1,
  schema: stockCountedV1Schema,
});

export type StockCountedV1 = z.infer<typeof stockCountedV1Schema>;
