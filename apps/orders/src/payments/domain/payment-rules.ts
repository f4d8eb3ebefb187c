import type { OrderStatus } from '../../orders/domain/order-state-machine';
import { OrderNotPayableError } from './payment.errors';

/**
 * A provider payment's states. creating: our row exists, the provider's trade may not yet; open: the
 * customer has the code; paid: it paid the order; closed: the trade can no longer be paid; late: money
 * arrived for an order that no longer awaited it (cancelled, expired, or paid through another channel) and
 * must go back; mismatch: the provider reported another amount than we asked for, which never pays an order.
 */
export const PAYMENT_STATUSES = ['creating', 'open', 'paid', 'closed', 'late', 'mismatch'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** States in which the provider may still take money, so the active query keeps asking. */
export const UNSETTLED_PAYMENT_STATUSES: readonly PaymentStatus[] = ['creating', 'open'];

/** Our trade number at the provider: the payment id without dashes (32 characters, WeChat's maximum). */
export function outTradeNoOf(paymentId: string): string {
  return paymentId.replace(/-/g, '');
}

/** A payment can be started only for an order that awaits payment and whose deadline has not passed. */
export function assertPayable(
  order: { id: string; status: OrderStatus; paymentDueAt: Date },
  now: Date,
): void {
  if (order.status !== 'pending_payment') throw new OrderNotPayableError(order.id, `it is ${order.status}`);
  if (order.paymentDueAt.getTime() <= now.getTime())
    throw new OrderNotPayableError(order.id, 'its payment deadline has passed');
}

/** What a provider says of a trade (the payments port's states, spelled here so the domain imports no adapter). */
export type ReportedState = 'pending' | 'succeeded' | 'closed' | 'failed' | 'not-found';

export type ReportDecision =
  { kind: 'ignore' } | { kind: 'pay' } | { kind: 'late' } | { kind: 'mismatch' } | { kind: 'close' };

/**
 * What a verified provider report (a notification or a query answer) does to a payment. Only a success for
 * the exact amount asked, while the order still awaits payment, pays the order; a success on a payment
 * already settled changes nothing (a replay or a resend), so an order is paid once whatever arrives twice.
 */
export function decideReport(input: {
  paymentStatus: PaymentStatus;
  paymentAmountFen: number;
  orderStatus: OrderStatus;
  reportState: ReportedState;
  reportAmountFen: number | null;
}): ReportDecision {
  const settled =
    input.paymentStatus === 'paid' || input.paymentStatus === 'late' || input.paymentStatus === 'mismatch';
  if (input.reportState === 'succeeded') {
    if (settled) return { kind: 'ignore' };
    if (input.reportAmountFen !== input.paymentAmountFen) return { kind: 'mismatch' };
    return input.orderStatus === 'pending_payment' ? { kind: 'pay' } : { kind: 'late' };
  }
  if (input.reportState === 'closed' && UNSETTLED_PAYMENT_STATUSES.includes(input.paymentStatus))
    return { kind: 'close' };
  // pending, not-found (Alipay before the scan), failed (the payer may try again): nothing to record.
  return { kind: 'ignore' };
}

/** The next active query after `attempts` queries: first after `firstAfterMs`, then doubling, at most 10 min. */
export function nextQueryAt(now: Date, attempts: number, firstAfterMs: number): Date {
  const delay = Math.min(firstAfterMs * 2 ** Math.min(attempts, 20), 10 * 60_000);
  return new Date(now.getTime() + Math.max(delay, firstAfterMs));
}
