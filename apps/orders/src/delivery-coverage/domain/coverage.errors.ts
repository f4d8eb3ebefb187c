import { DomainError } from '@harvest/platform/errors';

/** No zone serves the district. */
export class NotDeliveredError extends DomainError {
  constructor(areaCode: string) {
    super('not-found', 'not-delivered', `We do not deliver to area ${areaCode} yet`, {
      extensions: { areaCode },
    });
  }
}

export class UnknownZoneError extends DomainError {
  constructor(zoneId: string, field?: string) {
    super('not-found', 'unknown-zone', `No delivery zone ${zoneId}`, {
      ...(field ? { field } : {}),
      extensions: { zoneId, ...(field ? { field } : {}) },
    });
  }
}
