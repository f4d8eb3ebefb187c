import { DomainError } from '@harvest/platform/errors';

// The orders API has always named the offending input as a top-level `field` member of the problem, so these
// errors carry it as an extension (DomainError's own `field` option would answer `errors: [...]` instead).

/** The checkout and refund routes need an Idempotency-Key. */
export class IdempotencyKeyRequiredError extends DomainError {
  constructor() {
    super(
      'invalid',
      'idempotency-key-required',
      'the Idempotency-Key header is required (1-191 printable ASCII characters)',
      { extensions: { field: 'Idempotency-Key' } },
    );
  }
}

/** The key already made a checkout or a refund with another body. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor(usedFor: 'checkout request' | 'refund') {
    super(
      'unprocessable',
      'idempotency-key-reused',
      `this Idempotency-Key was used for a different ${usedFor}`,
      {
        extensions: { field: 'Idempotency-Key' },
      },
    );
  }
}

export class CustomerRequiredError extends DomainError {
  constructor() {
    super('invalid', 'customer-required', 'an agent must name the customer the order is for', {
      extensions: { field: 'customerId' },
    });
  }
}

export class NotYourAccountError extends DomainError {
  constructor() {
    super('forbidden', 'not-your-account', 'customers order for themselves only', {
      extensions: { field: 'customerId' },
    });
  }
}

/** An agent's own token: agents act through the call center, within a call. */
export class AgentsActThroughCallCenterError extends DomainError {
  constructor() {
    super(
      'forbidden',
      'agents-act-through-call-center',
      'agents act on orders through the call center (POST /agent-actions/... there), within the call they handle; an agent token is not accepted here',
    );
  }
}

/** A service token that is not the call center acting for an agent. */
export class NotAnAgentActionError extends DomainError {
  constructor() {
    super(
      'forbidden',
      'not-an-agent-action',
      'a service changes orders here only as the call center acting for an agent (X-Acting-Agent)',
    );
  }
}

/** The call center's token for an agent's action names no call. */
export class CallRequiredError extends DomainError {
  constructor() {
    super(
      'forbidden',
      'call-required',
      'an agent acts only within a call: the call center must name the call (X-Call-Id)',
    );
  }
}

/** A payment for an order past pending_payment (expired or cancelled meanwhile): the money goes back. */
export class NotAwaitingPaymentError extends DomainError {
  constructor(orderId: string, status: string) {
    super('conflict', 'not-awaiting-payment', `order ${orderId} is ${status}; the payment must be returned`);
  }
}

export class PaymentAlreadyUsedError extends DomainError {
  constructor(paymentId: string) {
    super('conflict', 'payment-already-used', `payment ${paymentId} already paid another order`);
  }
}

export class AmountMismatchError extends DomainError {
  constructor(amountFen: number, totalFen: number) {
    super(
      'conflict',
      'amount-mismatch',
      `payment of ${amountFen} fen does not match the order total of ${totalFen} fen`,
    );
  }
}

export class NotPaidError extends DomainError {
  constructor(orderId: string) {
    super('conflict', 'not-paid', `order ${orderId} has not been paid; nothing to refund`);
  }
}

export class RefundExceedsPaymentError extends DomainError {
  constructor(orderId: string, refundableFen: number) {
    super(
      'conflict',
      'refund-exceeds-payment',
      `at most ${refundableFen} fen can still be refunded on order ${orderId}`,
      { extensions: { field: 'amountFen' } },
    );
  }
}

/** Another request is inserting the refund with the same source key right now. */
export class RefundInFlightError extends DomainError {
  constructor() {
    super('conflict', 'refund-in-flight', 'this refund is being made by another request');
  }
}
