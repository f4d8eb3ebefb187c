import { z } from 'zod';
import { defineEvent } from '../define-event';
import { stockSnapshotSchema } from '../fulfillment-stock-counted/v1';

/** Why a picker could not pick the full quantity (recorded on the handheld scanner). */
export const SHORT_PICK_REASONS = ['not_found', 'damaged', 'expired'] as const;

export const fulfillmentShortPickedV1Schema = z.object({
  orderId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  waveId: z.string().min(1).nullable(),
  /**
   * Every line of the order with what was picked: pieces for a piece SKU, grams for a weighed SKU.
   * A line with pickedQuantity < orderedQuantity carries the reason; pickedQuantity 0 means none at all.
   */
  lines: z
    .array(
      z
        .object({
          skuId: z.string().min(1),
          orderedQuantity: z.number().int().min(1),
          pickedQuantity: z.number().int().min(0),
          /** Required when pickedQuantity < orderedQuantity, null otherwise. */
          reason: z.enum(SHORT_PICK_REASONS).nullable(),
          lotIds: z.array(z.string().min(1)),
        })
        .refine(
          (line) => line.pickedQuantity <= line.orderedQuantity,
          'pickedQuantity exceeds orderedQuantity',
        )
        .refine(
          (line) => line.pickedQuantity < line.orderedQuantity === (line.reason !== null),
          'reason is required exactly for a short line',
        ),
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
 * Picking of an order finished with at least one line short. Produced by fulfillment, consumed by orders
 * (allocated → picking, and a partial refund of the missing part). Keyed by orderId.
 */
export const fulfillmentShortPickedV1 = defineEvent({
  topic: 'fulfillment.short-picked',
  type: 'fulfillment.short-picked',
  version: 1,
  schema: fulfillmentShortPickedV1Schema,
});

export type FulfillmentShortPickedV1 = z.infer<typeof fulfillmentShortPickedV1Schema>;
