import { z } from 'zod';
import { defineEvent } from '../define-event';

export const fulfillmentPackedV1Schema = z.object({
  orderId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  /** Actual net weight in grams of each weighed line (the price is settled from it); piece lines are absent. */
  weighedLines: z.array(z.object({ skuId: z.string().min(1), actualWeightGrams: z.number().int().min(1) })),
  /** The boxes the order went into (insulated for chilled and frozen). */
  parcels: z.array(
    z.object({
      parcelId: z.string().min(1),
      packaging: z.enum(['insulated_box', 'carton']),
      coolant: z.enum(['none', 'gel_pack', 'dry_ice']),
      grossWeightGrams: z.number().int().min(1),
    }),
  ),
  packedBy: z.string().min(1),
  packedAt: z.string().datetime(),
});

/**
 * An order is packed. Produced by fulfillment, consumed by orders (picking → packed; weighed lines are
 * settled from the actual weights and a lighter line's difference is refunded). Keyed by orderId.
 */
export const fulfillmentPackedV1 = defineEvent({
  topic: 'fulfillment.packed',
  type: 'fulfillment.packed',
  version: 1,
  schema: fulfillmentPackedV1Schema,
});

export type FulfillmentPackedV1 = z.infer<typeof fulfillmentPackedV1Schema>;
