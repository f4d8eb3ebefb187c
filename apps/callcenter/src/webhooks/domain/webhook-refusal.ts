import { DomainError } from '@harvest/platform/errors';

/** Why a vendor's adapter refused a webhook (the reasons of its WebhookVerdict). */
export type WebhookRefusalReason =
  { reason: 'signature' | 'timestamp' } | { reason: 'malformed'; field?: string };

/** Signed by the vendor, but not an event we know: 400, naming the first field that is not as documented. */
export class WebhookMalformedError extends DomainError {
  constructor(field?: string) {
    super('invalid', 'webhook-malformed', 'the signed webhook body is not a known event', {
      extensions: field ? { field } : {},
    });
  }
}

/**
 * Not signed with an active secret, or signed too long ago (or in the future): the webhook's signature is its
 * authentication, so this is a 401. No domain error kind means "unauthenticated", so it is a plain error and
 * the webhooks controller answers it (webhook-unauthenticated). Which of the two failed is never said.
 */
export class WebhookUnauthenticatedError extends Error {
  readonly type = 'webhook-unauthenticated';

  constructor() {
    super('the webhook signature or timestamp is not valid');
  }
}

/** The error a refused webhook is answered with. */
export function webhookRefusal(
  refusal: WebhookRefusalReason,
): WebhookMalformedError | WebhookUnauthenticatedError {
  return refusal.reason === 'malformed'
    ? new WebhookMalformedError(refusal.field)
    : new WebhookUnauthenticatedError();
}
