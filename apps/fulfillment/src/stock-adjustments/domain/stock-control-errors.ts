import { DomainError } from '@harvest/platform/errors';

/** No lot with that label (in the caller's center: another center's lots are not there to a scanner). */
export class UnknownLotError extends DomainError {
  constructor(barcode: string, field: string) {
    super('not-found', 'unknown-lot', `No lot ${barcode}`, { field, extensions: { field } });
  }
}

/** No bin with that label in the lot's center. */
export class UnknownBinError extends DomainError {
  constructor(barcode: string, field: string) {
    super('not-found', 'unknown-location', `No location ${barcode} in this center`, {
      field,
      extensions: { field },
    });
  }
}
