import { ApiProperty } from '@nestjs/swagger';
import { ADJUSTMENT_REASONS } from '../domain/adjustment-rules';

export class StockAdjustmentView {
  @ApiProperty() lotId!: string;
  @ApiProperty() lotBarcode!: string;
  @ApiProperty() skuId!: string;
  @ApiProperty() locationBarcode!: string;
  @ApiProperty({ enum: ADJUSTMENT_REASONS }) reason!: string;
  @ApiProperty({ type: 'integer', description: 'signed: negative for stock that left' })
  quantityDelta!: number;
  @ApiProperty({ type: 'integer', description: "the lot's on-hand in the bin afterwards" })
  onHandAfter!: number;
}

export class StockMoveView {
  @ApiProperty() lotId!: string;
  @ApiProperty() lotBarcode!: string;
  @ApiProperty() skuId!: string;
  @ApiProperty() fromLocationBarcode!: string;
  @ApiProperty() toLocationBarcode!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: 'integer' }) fromOnHandAfter!: number;
  @ApiProperty({ type: 'integer' }) toOnHandAfter!: number;
}
