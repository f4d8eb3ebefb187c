import { z } from 'zod';
import { defineEvent } from '../define-event';
import { fenSchema } from '../produce';

export const orderPaidV1Schema = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  /** The payment provider's reference; no card data ever enters Harvest. */
  paymentId: z.string().min(1),
  amountFen: fenSchema,
  paidAt: z.string().datetime(),
});

/**
 * The payment provider confirmed payment; the order's reservation is now an allocation at its fulfillment
 * center, ready for picking (fulfillment starts work on this event). Published by orders, keyed by orderId.
 */
export const orderPaidV1 = defineEvent({
  topic: 'order.paid',
  type: 'order.paid',
  version: 1,
  schema: orderPaidV1Schema,
});

export type OrderPaidV1 = z.infer<typeof orderPaidV1Schema>;
