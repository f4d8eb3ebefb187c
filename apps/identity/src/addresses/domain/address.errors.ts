import { DomainError } from '@harvest/platform/errors';

/** The address's district is in no delivery zone: nothing is saved. */
export class NotDeliveredError extends DomainError {
  constructor(areaCode: string) {
    super('unprocessable', 'not-delivered', `We do not deliver to area ${areaCode} yet`, {
      field: 'areaCode',
      extensions: { field: 'areaCode', areaCode },
    });
  }
}

/** Another customer's address is not found either: ids cannot be probed. */
export class AddressNotFoundError extends DomainError {
  constructor() {
    super('not-found', 'address-not-found', 'No such address in this address book');
  }
}

export class TooManyAddressesError extends DomainError {
  constructor(max: number) {
    super('unprocessable', 'too-many-addresses', `An address book holds at most ${max} addresses`, {
      extensions: { max },
    });
  }
}

/** Orders' coverage could not be asked: nothing is saved, the customer may try again. */
export class DeliveryCoverageUnavailableError extends DomainError {
  constructor(reason: string) {
    super('unavailable', 'delivery-coverage-unavailable', `Delivery zones cannot be looked up: ${reason}`, {
      retryAfterSeconds: 5,
    });
  }
}

/** The internal address read is for the services that deliver (orders), whatever else holds role service. */
export class NotAnAddressReaderError extends DomainError {
  constructor() {
    super('forbidden', 'not-an-address-reader', "Only the ordering service reads customers' addresses");
  }
}
