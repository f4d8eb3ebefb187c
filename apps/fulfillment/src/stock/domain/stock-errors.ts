import type { TemperatureClass } from '@harvest/contracts/produce';
import { DomainError } from '@harvest/platform/errors';

// The input a refusal is about travels as the problem's `field` member, as clients of this service read it.

/** An admin receiving a lot names the center (a scanner's is its own). */
export class CenterRequiredError extends DomainError {
  constructor() {
    super('unprocessable', 'center-required', 'fulfillmentCenterId is required', {
      extensions: { field: 'fulfillmentCenterId' },
    });
  }
}

/** A SKU catalog has not announced to us yet: its storage class and shelf life are unknown. */
export class UnknownSkuError extends DomainError {
  /** With `field`, a request named it (receiving); without, a lot of it is already here (put-away). */
  constructor(skuId: string, field?: string) {
    super(
      'conflict',
      'unknown-sku',
      field === undefined
        ? `SKU ${skuId} is not known here yet`
        : `SKU ${skuId} is not known here yet (no catalog.sku-changed received)`,
      field === undefined ? {} : { extensions: { field } },
    );
  }
}

export class LotTooLargeError extends DomainError {
  constructor(maxPieces: number) {
    super('unprocessable', 'lot-too-large', `A lot of a piece SKU holds at most ${maxPieces} pieces`, {
      extensions: { field: 'quantity' },
    });
  }
}

export class ExpiryBeforeReceiptError extends DomainError {
  constructor() {
    super('unprocessable', 'expiry-before-receipt', 'expiryDate is before receiptDate', {
      extensions: { field: 'expiryDate' },
    });
  }
}

export class DuplicateLotBarcodeError extends DomainError {
  constructor(barcode: string) {
    super('conflict', 'duplicate-lot-barcode', `A lot with barcode ${barcode} already exists`, {
      extensions: { field: 'barcode' },
    });
  }
}

/** No bin with that barcode in the lot's center (another center's bins are not there to a lot). */
export class UnknownLocationError extends DomainError {
  constructor(locationBarcode: string, fulfillmentCenterId: string) {
    super('not-found', 'unknown-location', `No location ${locationBarcode} in ${fulfillmentCenterId}`, {
      extensions: { field: 'locationBarcode' },
    });
  }
}

export class WrongTemperatureZoneError extends DomainError {
  constructor(
    sku: { skuId: string; name: string; temperatureClass: TemperatureClass },
    room: { id: string; name: string; temperatureClass: TemperatureClass },
  ) {
    super(
      'conflict',
      'wrong-temperature-zone',
      `${sku.name} (${sku.skuId}) is ${sku.temperatureClass} and cannot go into ${room.name}, a ${room.temperatureClass} room; put it away in a ${sku.temperatureClass} room`,
      {
        extensions: {
          skuTemperatureClass: sku.temperatureClass,
          roomTemperatureClass: room.temperatureClass,
          roomId: room.id,
        },
      },
    );
  }
}

export class MoreThanReceivedError extends DomainError {
  constructor(lot: { barcode: string; unplacedQuantity: number }) {
    super(
      'conflict',
      'more-than-received',
      `Only ${lot.unplacedQuantity} of lot ${lot.barcode} is waiting to be put away`,
      { extensions: { field: 'quantity', unplacedQuantity: lot.unplacedQuantity } },
    );
  }
}
