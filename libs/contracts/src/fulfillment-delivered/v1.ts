import { z } from 'zod';
import { defineEvent } from '../define-event';

export const fulfillmentDeliveredV1Schema = z.object({
  orderId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  /** Who took the parcels, as the courier recorded it (a name or "doorstep"); no phone numbers. */
  receivedBy: z.string().min(1),
  deliveredAt: z.string().datetime(),
});

/** The customer has the order. Produced by fulfillment, consumed by orders (shipped → delivered). Keyed by orderId. */
export const fulfillmentDeliveredV1 = defineEvent({
  topic: 'fulfillment.delivered',
  type: 'fulfillment.delivered',
  version: 1,
  schema: fulfillmentDeliveredV1Schema,
});

export type FulfillmentDeliveredV1 = z.infer<typeof fulfillmentDeliveredV1Schema>;
