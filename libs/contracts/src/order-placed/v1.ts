import { z } from 'zod';
import { defineEvent } from '../define-event';
import { fenSchema, soldBySchema, substitutionSchema, temperatureClassSchema } from '../produce';

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
  /**
   * The customer's choice should the warehouse run short (issue 20). Added after v1 was first published:
   * optional on the wire with a default, so a v1 consumer built before it still reads every order.placed
   * and one built after reads older events as "none" (no version bump: nobody is left unable to read).
   */
  substitution: substitutionSchema.default('none'),
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
  /** What the customer pays: the lines plus deliveryFeeFen. */
  totalFen: fenSchema,
  /** The zone's delivery fee charged (0 when waived or for a line-list checkout); added like `substitution`. */
  deliveryFeeFen: fenSchema.default(0),
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

/**
 * The payload as a producer may write it (the fields added later may be left out); `parse` answers it with
 * their defaults filled in (`OrderPlacedV1Read`).
 */
export type OrderPlacedV1 = z.input<typeof orderPlacedV1Schema>;
export type OrderPlacedV1Read = z.output<typeof orderPlacedV1Schema>;
