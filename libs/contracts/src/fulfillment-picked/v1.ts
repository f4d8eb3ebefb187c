import { z } from 'zod';
import { defineEvent } from '../define-event';
import { stockSnapshotSchema } from '../fulfillment-stock-counted/v1';

export const fulfillmentPickedV1Schema = z.object({
  orderId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  /** Pick task wave, for tracing a pick back to the floor. */
  waveId: z.string().min(1).nullable(),
  /**
   * Every line of the order as picked in full: pieces for a piece SKU, grams (the order's estimate) for a
   * weighed SKU; the real weight follows in fulfillment.packed. An order with any shortfall gets
   * fulfillment.short-picked instead.
   */
  lines: z
    .array(
      z.object({
        skuId: z.string().min(1),
        quantity: z.number().int().min(1),
        /** Lots picked, earliest expiry first (FEFO). */
        lotIds: z.array(z.string().min(1)),
      }),
    )
    .min(1),
  pickedBy: z.string().min(1),
  pickedAt: z.string().datetime(),
  /**
   * Added to v1 as an optional field (a reader that predates it strips it, so no v2 is needed): the count
   * of each line's SKU at this center right after the pick, versioned like fulfillment.stock-counted. Orders
   * releases the reservation and applies the count (when newer than its own) in one transaction, so there is
   * no moment where the reservation is gone but the picked units still look sellable. Fulfillment always
   * sends it; a consumer that gets an event without it must assume the picked units left the count.
   */
  stockAfter: z.array(stockSnapshotSchema).optional(),
});

/**
 * Picking of an order finished with every line complete. Produced by fulfillment, consumed by orders
 * (allocated → picking; the stock leaves on hand). Keyed by orderId.
 */
export const fulfillmentPickedV1 = defineEvent({
  topic: 'fulfillment.picked',
  type: 'fulfillment.picked',
  version: 1,
  schema: fulfillmentPickedV1Schema,
});

export type FulfillmentPickedV1 = z.infer<typeof fulfillmentPickedV1Schema>;
