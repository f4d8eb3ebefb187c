import { DomainError } from '@harvest/platform/errors';
import { toE164 } from './phone';

/** Customer ids come from the shop's customer accounts; this is their alphabet and length. */
const CUSTOMER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export class InvalidCustomerIdError extends DomainError {
  constructor() {
    super('invalid', 'invalid-customer-id', 'customerId must be 1-64 letters, digits or ._:-', {
      extensions: { field: 'customerId' },
    });
  }
}

export class InvalidPhoneError extends DomainError {
  constructor() {
    super(
      'invalid',
      'invalid-phone',
      'phone must be a phone number (E.164, or an 11-digit mainland mobile)',
      {
        extensions: { field: 'phone' },
      },
    );
  }
}

/** One phone number belongs to one customer: the number is already another customer's (named in `customerId`). */
export class PhoneTakenError extends DomainError {
  constructor(heldBy: string) {
    super('conflict', 'phone-taken', 'this phone number belongs to another customer', {
      extensions: { field: 'phone', customerId: heldBy },
    });
  }
}

export function parseCustomerId(raw: string): string {
  if (!CUSTOMER_ID.test(raw)) throw new InvalidCustomerIdError();
  return raw;
}

/** The number as E.164 (see toE164 for the spellings accepted), or InvalidPhoneError. */
export function parsePhone(raw: string): string {
  const phone = toE164(raw);
  if (!phone) throw new InvalidPhoneError();
  return phone;
}
