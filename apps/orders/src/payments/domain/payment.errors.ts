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
