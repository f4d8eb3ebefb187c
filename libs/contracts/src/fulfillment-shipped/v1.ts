import { z } from 'zod';
import { defineEvent } from '../define-event';

export const fulfillmentShippedV1Schema = z.object({
  orderId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  carrier: z.string().min(1),
  trackingNumber: z.string().min(1),
  shippedAt: z.string().datetime(),
});

/** The parcels left the fulfillment center. Produced by fulfillment, consumed by orders (packed → shipped). Keyed by orderId. */
export const fulfillmentShippedV1 = defineEvent({
  topic: 'fulfillment.shipped',
  type: 'fulfillment.shipped',
  version: 1,
  schema: fulfillmentShippedV1Schema,
});

export type FulfillmentShippedV1 = z.infer<typeof fulfillmentShippedV1Schema>;
