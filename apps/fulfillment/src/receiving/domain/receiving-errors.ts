import { DomainError } from '@harvest/platform/errors';

export class ExpectedDeliveryNotFoundError extends DomainError {
  constructor(deliveryId: string) {
    super('not-found', 'not-found', `Expected delivery ${deliveryId} not found`);
  }
}

/** A closed delivery takes no more receipts: what came is settled (short lines stay short). */
export class DeliveryClosedError extends DomainError {
  constructor(deliveryId: string) {
    super('conflict', 'delivery-closed', `Expected delivery ${deliveryId} is closed`);
  }
}

/** The same SKU twice on one notice: one line per SKU, so over and under receipt have one meaning. */
export class DuplicateDeliveryLineError extends DomainError {
  constructor(skuId: string, index: number) {
    super('unprocessable', 'duplicate-delivery-line', `SKU ${skuId} is on this delivery more than once`, {
      field: `lines[${index}].skuId`,
      extensions: { field: `lines[${index}].skuId` },
    });
  }
}

/** Produce is harvested before it is delivered. */
export class HarvestAfterDeliveryError extends DomainError {
  constructor(field: string) {
    super('unprocessable', 'harvest-after-delivery', `${field} is after the delivery date`, {
      field,
      extensions: { field },
    });
  }
}

/** An unexpected SKU has no harvest date on the notice: the scanner must read it off the crate. */
export class HarvestDateRequiredError extends DomainError {
  constructor(skuId: string) {
    super(
      'unprocessable',
      'harvest-date-required',
      `SKU ${skuId} is not on this delivery: give the harvest date printed on the crate`,
      { field: 'harvestDate', extensions: { field: 'harvestDate' } },
    );
  }
}

/** Harvest date plus shelf life is already past: the produce is not taken in at all. */
export class ExpiredAtReceiptError extends DomainError {
  constructor(expiryDate: string) {
    super(
      'unprocessable',
      'expired-at-receipt',
      `The produce expired on ${expiryDate}; refuse it at the dock`,
      {
        field: 'harvestDate',
        extensions: { field: 'harvestDate', expiryDate },
      },
    );
  }
}
