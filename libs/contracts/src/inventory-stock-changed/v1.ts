import { z } from 'zod';
import { defineEvent } from '../define-event';

export const stockChangedV1Schema = z.object({
  skuId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  /**
   * Units for piece SKUs, grams for weighed SKUs. The sellable count orders holds from fulfillment's
   * fulfillment.stock-counted (physical stock not on hold nor expired); the name stays for v1 readers.
   */
  onHand: z.number().int().min(0),
  /** Units of placed or paid order lines not yet picked nor released. */
  reserved: z.number().int().min(0),
  /** onHand - reserved, never negative (a hold or write-off can drop the count below what is reserved). */
  available: z.number().int().min(0),
  /** Monotonic per SKU and fulfillment center; a consumer ignores an older level than the one it holds. */
  version: z.number().int().min(0),
});

/**
 * The stock level of a SKU at one fulfillment center after a change (a new count from fulfillment,
 * reservation, release, pick). Published by orders, which owns reservations; catalog uses it for "in stock at my fulfillment
 * center". Keyed by `${skuId}@${fulfillmentCenterId}`.
 */
export const stockChangedV1 = defineEvent({
  topic: 'inventory.stock-changed',
  type: 'inventory.stock-changed',
  version: 1,
  schema: stockChangedV1Schema,
});

export type StockChangedV1 = z.infer<typeof stockChangedV1Schema>;
