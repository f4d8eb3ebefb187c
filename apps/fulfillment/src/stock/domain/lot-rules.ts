import type { SoldBy, TemperatureClass } from '@harvest/contracts/produce';
import { skuFitsRoom } from '../../facilities/domain/storage-rules';
import { addDays } from '../../shared/domain/local-date';
import { MAX_LOT_PIECES } from '../../shared/domain/quantity-limits';
import {
  ExpiryBeforeReceiptError,
  LotTooLargeError,
  MoreThanReceivedError,
  WrongTemperatureZoneError,
} from './stock-errors';

/**
 * The expiry date of a lot being received: the one printed on it, or the receipt date plus the SKU's shelf
 * life. Refuses a piece lot larger than a truck brings, and an expiry before the receipt.
 */
export function receivedLotExpiry(
  lot: { quantity: number; receiptDate: string; expiryDate?: string },
  sku: { soldBy: SoldBy; shelfLifeDays: number },
): string {
  if (sku.soldBy === 'piece' && lot.quantity > MAX_LOT_PIECES) throw new LotTooLargeError(MAX_LOT_PIECES);
  const expiryDate = lot.expiryDate ?? addDays(lot.receiptDate, sku.shelfLifeDays);
  if (expiryDate < lot.receiptDate) throw new ExpiryBeforeReceiptError();
  return expiryDate;
}

/** A put-away goes into a room the SKU tolerates, and moves no more than is waiting to be put away. */
export function assertPutAway(
  sku: { skuId: string; name: string; temperatureClass: TemperatureClass },
  room: { id: string; name: string; temperatureClass: TemperatureClass },
  lot: { barcode: string; unplacedQuantity: number },
  quantity: number,
): void {
  if (!skuFitsRoom(sku.temperatureClass, room.temperatureClass))
    throw new WrongTemperatureZoneError(sku, room);
  if (quantity > lot.unplacedQuantity) throw new MoreThanReceivedError(lot);
}
