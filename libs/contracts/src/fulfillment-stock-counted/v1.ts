import { z } from 'zod';
import { defineEvent } from '../define-event';

/** The counted figures of one SKU at one center, shared by stock-counted and the picked events' snapshots. */
export const stockCountFieldsSchema = z.object({
  /** Units for piece SKUs, grams for weighed SKUs, in bins (put away, not yet picked), whatever their state. */
  onHand: z.number().int().min(0),
  /** The part of onHand that may be sold: not on QA hold and not expired (allocated units included). */
  sellable: z.number().int().min(0),
  /** The part of onHand on QA hold (e.g. after a temperature excursion). */
  held: z.number().int().min(0),
  /** Monotonic per SKU and center; a consumer ignores a count older than the one it holds. */
  version: z.number().int().min(1),
});

export const stockCountedV1Schema = stockCountFieldsSchema.extend({
  skuId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  countedAt: z.string().datetime(),
});

/**
 * A SKU's count right after a pick, carried by fulfillment.picked and fulfillment.short-picked (the same
 * version sequence as stock-counted), so the consumer can release a reservation and lower the count in one
 * transaction.
 */
export const stockSnapshotSchema = stockCountFieldsSchema.extend({ skuId: z.string().min(1) });

export type StockSnapshot = z.infer<typeof stockSnapshotSchema>;

/**
 * The physical stock of a SKU at a fulfillment center after it changed (put-away, pick, short-pick write-off,
 * QA hold or release, expiry), as event-carried state: orders replaces its sellable figure with the newest
 * version (catalog learns availability from orders' inventory.stock-changed, which subtracts reservations).
 * Produced by fulfillment. Keyed by `${skuId}@${fulfillmentCenterId}`.
 */
export const stockCountedV1 = defineEvent({
  topic: 'fulfillment.stock-counted',
  type: 'fulfillment.stock-counted',
  version: 1,
  schema: stockCountedV1Schema,
});

export type StockCountedV1 = z.infer<typeof stockCountedV1Schema>;
