import { DomainError } from '@harvest/platform/errors';

export class InvalidPhoneNumberError extends DomainError {
  constructor() {
    super(
      'invalid',
      'invalid-phone-number',
      'must be a mainland China mobile number, e.g. 13800138000 or +8613800138000',
      { field: 'phone' },
    );
  }
}

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A phone number as the customer may type it (13800138000, +86 138 0013 8000, 86-138-0013-8000) in E.164
 * (+8613800138000). Mainland mobiles only: the SMS product we send with (Aliyun's domestic SMS) reaches no
 * other numbers.
 */
export function normalizePhoneNumber(input: string): string {
  const compact = input.replace(/[\s-]/g, '');
  const national = compact.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (!MAINLAND_MOBILE.test(national)) throw new InvalidPhoneNumberError();
  return `+86${national}`;
}

/** What a response shows of a number it does not need in full: +86 138****8000. */
export function maskPhoneNumber(e164: string): string {
  const national = e164.replace(/^\+86/, '');
  return `+86 ${national.slice(0, 3)}****${national.slice(-4)}`;
}
