import { ApiProperty } from '@nestjs/swagger';

class LotStockView {
  @ApiProperty() locationId!: string;
  @ApiProperty() locationBarcode!: string;
  @ApiProperty({ type: 'integer' }) onHand!: number;
  @ApiProperty({ type: 'integer' }) allocated!: number;
}

/** A received lot and where its stock is (lot.view.ts). */
export class LotView {
  @ApiProperty() id!: string;
  @ApiProperty() barcode!: string;
  @ApiProperty({ example: 'demo-sku-0001' }) skuId!: string;
  @ApiProperty({ example: 'fc-shanghai-1' }) fulfillmentCenterId!: string;
  @ApiProperty({ type: 'integer', description: 'Pieces, or grams for a SKU sold by weight.' })
  receivedQuantity!: number;
  @ApiProperty({ type: 'integer', description: 'Received but not yet put away.' }) unplacedQuantity!: number;
  @ApiProperty({ format: 'date', example: '2026-12-08' }) receiptDate!: string;
  @ApiProperty({ format: 'date', example: '2026-12-15' }) expiryDate!: string;
  @ApiProperty({ description: 'Held by QA (a temperature excursion): not allocated until released.' })
  qaHold!: boolean;
  @ApiProperty({ type: 'string', nullable: true }) holdReason!: string | null;
  @ApiProperty({ type: [LotStockView] }) stock!: LotStockView[];
}
