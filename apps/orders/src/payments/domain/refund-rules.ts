/**
 * A provider refund's states. pending: to be sent; processing: the provider accepted it, not final (sent
 * again later, with the same number, to learn its state); succeeded; failed: the provider gave up on it
 * (closed, abnormal); refused: the provider refused it (its code is kept) or it would exceed what was paid.
 * Neither failed nor refused is retried by itself: both are for agents and admins to see and act on.
 */
export const REFUND_STATUSES = ['pending', 'processing', 'succeeded', 'failed', 'refused'] as const;
export type ProviderRefundStatus = (typeof REFUND_STATUSES)[number];

/** States the execution job keeps sending. */
export const UNSETTLED_REFUND_STATUSES: readonly ProviderRefundStatus[] = ['pending', 'processing'];

/**
 * Our refund number at the provider, stable for a refund whatever how often it is sent (WeChat out_refund_no,
 * Alipay out_request_no, both at most 64 characters): the refund's id without dashes.
 */
export function outRefundNoOf(refundId: string): string {
  return refundId.replace(/-/g, '');
}

/** The refund number returning money that arrived for an order that no longer awaited it: one per payment. */
export function lateRefundNoOf(outTradeNo: string): string {
  return `late-${outTradeNo}`;
}

/** The next attempt after `attempts` sends: `firstAfterMs`, then doubling, at most 30 minutes. */
export function nextRefundAttemptAt(now: Date, attempts: number, firstAfterMs: number): Date {
  return new Date(
    now.getTime() + Math.min(firstAfterMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20), 30 * 60_000),
  );
}

/** Whether a new refund of `amountFen` stays within what the payment captured, given those already made. */
export function withinCaptured(capturedFen: number, alreadyRefundedFen: number, amountFen: number): boolean {
  return amountFen > 0 && alreadyRefundedFen + amountFen <= capturedFen;
}
