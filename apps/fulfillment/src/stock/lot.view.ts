import type { Lot } from './entities/lot.entity';

export interface LotView {
  id: string;
  barcode: string;
  skuId: string;
  fulfillmentCenterId: string;
  receivedQuantity: number;
  unplacedQuantity: number;
  receiptDate: string;
  expiryDate: string;
  qaHold: boolean;
  holdReason: string | null;
  stock: Array<{ locationId: string; locationBarcode: string; onHand: number; allocated: number }>;
}

export function lotView(lot: Lot, stock: LotView['stock']): LotView {
  return {
    id: lot.id,
    barcode: lot.barcode,
    skuId: lot.skuId,
    fulfillmentCenterId: lot.fulfillmentCenterId,
    receivedQuantity: lot.receivedQuantity,
    unplacedQuantity: lot.unplacedQuantity,
    receiptDate: lot.receiptDate,
    expiryDate: lot.expiryDate,
    qaHold: lot.qaHold,
    holdReason: lot.holdReason,
    stock,
  };
}
