import { DomainError } from '@harvest/platform/errors';

/** Without PAYMENT_CALLBACK_SECRET no callback can be verified, so every one is refused (503, no Retry-After). */
export class PaymentsNotConfiguredError extends DomainError {
  constructor() {
    super(
      'unavailable',
      'payments-not-configured',
      'PAYMENT_CALLBACK_SECRET is not set; payment callbacks are refused',
    );
  }
}

/** The order no longer awaits payment (paid, cancelled, expired), so no payment is started for it. */
export class OrderNotPayableError extends DomainError {
  constructor(orderId: string, why: string) {
    super('conflict', 'order-not-payable', `order ${orderId} cannot be paid: ${why}`);
  }
}

/** The channel asked for is not one this deployment takes payments through (PAYMENT_PROVIDERS). */
export class PaymentChannelUnavailableError extends DomainError {
  constructor(channel: string, configured: readonly string[]) {
    super(
      'unprocessable',
      'payment-channel-unavailable',
      configured.length
        ? `payments through ${channel} are not offered here; offered: ${configured.join(', ')}`
        : 'no payment provider is configured here (PAYMENT_PROVIDERS is empty)',
      { field: 'channel', extensions: { field: 'channel' } },
    );
  }
}
