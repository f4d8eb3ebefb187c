import { z } from 'zod';
import { defineEvent } from '../define-event';

export const orderCancelledV1Schema = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  /** The state the order left: pending_payment, paid or allocated (cancel is refused from picking on). */
  previousStatus: z.enum(['pending_payment', 'paid', 'allocated']),
  /** payment_expired when the unpaid reservation lapsed; otherwise who asked. */
  reason: z.enum(['payment_expired', 'customer_request', 'agent_request', 'admin_request']),
  /** Free text from the actor, if any. */
  note: z.string().nullable(),
  /** Who cancelled: "system", "customer:<id>", "agent:<id>", "admin:<id>". */
  actor: z.string().min(1),
  /** Stock and slot capacity were released in the same transaction. */
  cancelledAt: z.string().datetime(),
});

/**
 * An order was cancelled before picking; its stock reservation and delivery-slot capacity are released
 * (a paid order is refunded in full: see order.refunded). Published by orders, keyed by orderId.
 */
export const orderCancelledV1 = defineEvent({
  topic: 'order.cancelled',
  type: 'order.cancelled',
  version: 1,
  schema: orderCancelledV1Schema,
});

export type OrderCancelledV1 = z.infer<typeof orderCancelledV1Schema>;
