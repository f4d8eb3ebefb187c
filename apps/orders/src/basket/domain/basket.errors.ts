import { DomainError } from '@harvest/platform/errors';

export class BasketEmptyError extends DomainError {
  constructor() {
    super('unprocessable', 'basket-empty', 'The basket has no lines to order');
  }
}

export class AddressRequiredError extends DomainError {
  constructor() {
    super('unprocessable', 'address-required', 'Choose a delivery address for the basket, or name one', {
      field: 'addressId',
      extensions: { field: 'addressId' },
    });
  }
}

/** Not an address of this customer's book (identity's answer): 422 naming the field. */
export class UnknownAddressError extends DomainError {
  constructor() {
    super('unprocessable', 'unknown-address', "Not an address in the customer's address book", {
      field: 'addressId',
      extensions: { field: 'addressId' },
    });
  }
}

/** The courier needs a phone, and the account has none (signed in without one). */
export class DeliveryPhoneMissingError extends DomainError {
  constructor() {
    super('unprocessable', 'delivery-phone-missing', 'The account has no phone number for the courier');
  }
}

/** Another checkout (say on the customer's other device) ordered or changed this basket meanwhile. */
export class BasketChangedError extends DomainError {
  constructor() {
    super('conflict', 'basket-changed', 'The basket changed while it was being ordered; check it and retry');
  }
}

export class BasketFullError extends DomainError {
  constructor(maxLines: number) {
    super('unprocessable', 'too-many-lines', `A basket holds at most ${maxLines} lines`, {
      extensions: { maxLines },
    });
  }
}

/** The SKU cannot go into a basket as asked (unknown, not for sale, or the wrong amount kind). */
export class BasketLineRefusedError extends DomainError {
  constructor(field: string, message: string) {
    super('unprocessable', 'invalid-basket-line', message, { field, extensions: { field } });
  }
}
