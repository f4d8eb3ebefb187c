import { z } from 'zod';
import { defineEvent } from '../define-event';
import { fenSchema, soldBySchema, temperatureClassSchema } from '../produce';

export const orderPlacedLineV1Schema = z.object({
  skuId: z.string().min(1),
  name: z.string().min(1),
  soldBy: soldBySchema,
  temperatureClass: temperatureClassSchema,
  /** Pieces for a piece SKU; null for a weighed SKU. */
  quantity: z.number().int().min(1).nullable(),
  /** Estimated grams for a weighed SKU (settled after packing); null for a piece SKU. */
  estimatedWeightGrams: z.number().int().min(1).nullable(),
  /** Snapshot at order time: per piece, or per 500 g for a weighed SKU. */
  unitPriceFen: fenSchema,
  /** quantity × unit price, or the estimated weight's price (rounded to the fen). */
  lineTotalFen: fenSchema,
});

export const orderPlacedV1Schema = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  zoneId: z.string().min(1),
  slot: z.object({
    slotId: z.string().min(1),
    /** Local delivery date, YYYY-MM-DD. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    windowStart: z.string().regex(/^\d{2}:\d{2}$/),
    windowEnd: z.string().regex(/^\d{2}:\d{2}$/),
  }),
  lines: z.array(orderPlacedLineV1Schema).min(1),
  totalFen: fenSchema,
  /** When the stock reservation lapses unless order.paid follows (ISO 8601). */
  paymentDueAt: z.string().datetime(),
  /** Set when an agent checked out on the customer's behalf. */
  placedByAgentId: z.string().min(1).nullable(),
});

/**
 * An order was accepted: stock is reserved at fulfillment center and the slot's capacity is taken; it
 * awaits payment. Published by orders, keyed by orderId.
 */
export const orderPlacedV1 = defineEvent({
  topic: 'order.placed',
  type: 'order.placed',
  version: 1,
  schema: orderPlacedV1Schema,
});

export type OrderPlacedV1 = z.infer<typeof orderPlacedV1Schema>;
