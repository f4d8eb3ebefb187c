import { DomainError } from '@harvest/platform/errors';

/** What the SMS provider said when it accepted a message (its own id, for support cases). */
export interface SmsReceipt {
  providerMessageId: string;
}

/**
 * Sends a text message from a provider-side template: the template (approved with the provider) holds the
 * wording, `params` fill its variables. Verification codes use it today; notifications reuse it later.
 * `phone` is E.164 (+8613800138000). An adapter never logs params: they may carry a one-time code.
 */
export abstract class SmsSender {
  abstract send(phone: string, templateCode: string, params: Record<string, string>): Promise<SmsReceipt>;
}

/** The provider refused or could not be reached; the caller may try again later. */
export class SmsNotSentError extends DomainError {
  constructor(reason: string, options: { retryAfterSeconds?: number } = {}) {
    super('unavailable', 'sms-not-sent', `The text message could not be sent: ${reason}`, options);
  }
}
