import { z } from 'zod';
import { defineEvent } from '../define-event';
import { fenSchema } from '../produce';

export const REFUND_REASONS = [
  'cancellation',
  'short_pick',
  'weight_settlement',
  'goodwill',
  'damaged_on_delivery',
  'other',
] as const;

export const orderRefundedV1Schema = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  refundId: z.string().min(1),
  /** Payment the refund goes back to. */
  paymentId: z.string().min(1),
  amountFen: fenSchema.refine((fen) => fen > 0, 'a refund is at least 1 fen'),
  reason: z.enum(REFUND_REASONS),
  /** True when this refund brings the refunded total to the amount paid. */
  full: z.boolean(),
  /** All refunds of the order so far, this one included. */
  refundedTotalFen: fenSchema,
  /** The lines the refund is for, when it is for lines (short pick, weight settlement). */
  lines: z.array(z.object({ skuId: z.string().min(1), amountFen: fenSchema })),
  actor: z.string().min(1),
  refundedAt: z.string().datetime(),
});

/**
 * Money goes back to the customer: a cancelled paid order (full), a short pick or a weighed line that came
 * in lighter than estimated (partial), or an agent's goodwill refund. The payment service acts on it.
 * Published by orders, keyed by orderId.
 */
export const orderRefundedV1 = defineEvent({
  topic: 'order.refunded',
  type: 'order.refunded',
  version: 1,
  schema: orderRefundedV1Schema,
});

export type OrderRefundedV1 = z.infer<typeof orderRefundedV1Schema>;
