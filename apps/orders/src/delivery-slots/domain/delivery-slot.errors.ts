import { DomainError } from '@harvest/platform/errors';

// The API names the offending input as a top-level `field` member (as it always has), hence an extension
// rather than DomainError's `field` option, which would answer `errors: [...]`.

export class BadDateRangeError extends DomainError {
  constructor(maxDays: number) {
    super('invalid', 'bad-date-range', `to must be within ${maxDays} days after from`, {
      extensions: { field: 'to' },
    });
  }
}

export class BadWindowError extends DomainError {
  constructor() {
    super('invalid', 'bad-window', 'windowEnd must be after windowStart', {
      extensions: { field: 'windowEnd' },
    });
  }
}

export class SlotDateOutOfRangeError extends DomainError {
  constructor(first: string, last: string) {
    super('invalid', 'slot-date-out-of-range', `date must be from ${first} to ${last} (China dates)`, {
      extensions: { field: 'date' },
    });
  }
}

export class UnknownDeliveryZoneError extends DomainError {
  constructor(zoneId: string) {
    super('unprocessable', 'unknown-zone', `delivery zone ${zoneId} does not exist`, {
      extensions: { field: 'zoneId' },
    });
  }
}

/** The slot filled up (or its cut-off passed) between reading it and booking it. */
export class SlotFullError extends DomainError {
  constructor() {
    super('conflict', 'slot-full', 'the delivery slot is full; choose another window', {
      extensions: { field: 'slotId' },
    });
  }
}
