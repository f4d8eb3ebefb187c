import { DomainError } from '@harvest/platform/errors';

/** The providers Harvest takes money through. */
export const PAYMENT_CHANNELS = ['wechatpay', 'alipay'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** What we ask a provider to collect: our own trade number (stable per order and channel) and integer fen. */
export interface CreatePaymentRequest {
  /** 6-32 characters of [A-Za-z0-9_-] (WeChat Pay's limit; Alipay allows 64). */
  outTradeNo: string;
  amountFen: number;
  /** Shown to the payer in their wallet (WeChat `description`, Alipay `subject`). */
  description: string;
  /** After this the provider refuses to take the money (the order's payment deadline). */
  expiresAt: Date;
}

/** What the client needs to let the customer pay: a QR code URL the wallet app scans (or opens). */
export interface PreparedPayment {
  codeUrl: string;
}

/**
 * A provider's view of one trade: pending (not paid yet, or not even scanned), succeeded, closed (expired or
 * closed by us), failed (the payer's attempt failed), not-found (the provider has no such trade).
 */
export type ProviderPaymentState = 'pending' | 'succeeded' | 'closed' | 'failed' | 'not-found';

export interface ProviderPaymentStatus {
  outTradeNo: string;
  state: ProviderPaymentState;
  /** The provider's own trade number (WeChat `transaction_id`, Alipay `trade_no`), once it has one. */
  providerTradeNo: string | null;
  /** What the payer paid, in fen, once known. */
  amountFen: number | null;
  paidAt: Date | null;
}

/** A verified notification: the trade's status and the provider's id of this notification (replays repeat it). */
export interface PaymentNotification extends ProviderPaymentStatus {
  notificationId: string;
}

/** The notification request exactly as received: headers and the raw body bytes the signature covers. */
export interface NotificationRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/** What the provider expects as the body of a 200 to stop resending a notification. */
export interface NotificationAcknowledgement {
  contentType: string;
  body: string;
}

/** Money back on a paid trade. `outRefundNo` is ours and stable: the provider refunds it once however often it is sent. */
export interface RefundRequest {
  outTradeNo: string;
  /** 1-64 characters of [A-Za-z0-9_-]. */
  outRefundNo: string;
  refundFen: number;
  /** What the trade took (WeChat Pay checks it). */
  totalFen: number;
  reason: string;
}

/**
 * succeeded: the money is on its way back; processing: accepted, not final yet (send the same refund again
 * later to learn its state); failed: the provider gave up on it (closed, abnormal), named by `providerCode`.
 */
export interface RefundResult {
  state: 'succeeded' | 'processing' | 'failed';
  providerRefundNo: string | null;
  providerCode?: string;
}

/**
 * One payment provider, spoken in its own published protocol. Amounts are integer fen on this side of the port
 * (an adapter converts to the provider's unit). Implementations never log keys or whole provider answers.
 */
export abstract class PaymentProvider {
  abstract readonly channel: PaymentChannel;
  /** Creates (or, for the same outTradeNo and amount, finds again) the provider's trade. */
  abstract createPayment(request: CreatePaymentRequest): Promise<PreparedPayment>;
  /** Asks the provider for the truth about a trade (the active query when a notification is late). */
  abstract queryPayment(outTradeNo: string): Promise<ProviderPaymentStatus>;
  /** Closes an unpaid trade so it can no longer be paid. */
  abstract closePayment(outTradeNo: string): Promise<void>;
  /** Refunds (or, for an outRefundNo already sent, reports the state of) money on a paid trade. */
  abstract refund(request: RefundRequest): Promise<RefundResult>;
  /** Verifies and decodes a notification; throws PaymentNotificationRejected when it is not the provider's. */
  abstract verifyNotification(request: NotificationRequest, now: Date): PaymentNotification;
  abstract acknowledgement(): NotificationAcknowledgement;
}

/** The provider did not answer, answered 5xx, or answered something we could not verify: try again later. */
export class PaymentProviderUnavailableError extends DomainError {
  constructor(reason: string) {
    super('unavailable', 'payment-provider-unavailable', `The payment provider is unavailable: ${reason}`, {
      retryAfterSeconds: 5,
    });
  }
}

/** The provider refused the request for a business reason it names (its own code, never our keys). */
export class PaymentProviderRefusedError extends DomainError {
  constructor(readonly providerCode: string) {
    super('conflict', 'payment-provider-refused', `The payment provider refused: ${providerCode}`, {
      extensions: { providerCode },
    });
  }
}

/** Why a notification was not accepted; the HTTP edge answers 401 (signature, stale) or 400 (the rest). */
export type NotificationRejection = 'bad-signature' | 'stale' | 'malformed' | 'undecryptable' | 'not-ours';

export class PaymentNotificationRejected extends Error {
  constructor(
    readonly reason: NotificationRejection,
    detail: string,
  ) {
    super(detail);
    this.name = 'PaymentNotificationRejected';
  }
}
