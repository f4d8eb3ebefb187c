import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BARCODE, BARCODE_MESSAGE } from '../../facilities/dto/barcode';
import { MAX_LOT_QUANTITY } from '../../shared/domain/quantity-limits';
import { ADJUSTMENT_REASONS, type AdjustmentReason } from '../domain/adjustment-rules';

export class StockAdjustmentDto {
  @IsString() @Matches(BARCODE, { message: `lotBarcode ${BARCODE_MESSAGE}` }) lotBarcode!: string;
  @IsString() @Matches(BARCODE, { message: `locationBarcode ${BARCODE_MESSAGE}` }) locationBarcode!: string;
  /** Units (pieces, or grams for a weighed SKU), always positive: the reason says which way. */
  @IsInt() @Min(1) @Max(MAX_LOT_QUANTITY) quantity!: number;
  /** spoilage, damage, qa-discard: out of the bin; found: into it. A scanner may not discard for QA. */
  @IsIn(ADJUSTMENT_REASONS) reason!: AdjustmentReason;
  @IsOptional() @IsString() @MaxLength(255) note?: string;
}

export class StockMoveDto {
  @IsString() @Matches(BARCODE, { message: `lotBarcode ${BARCODE_MESSAGE}` }) lotBarcode!: string;
  @IsString()
  @Matches(BARCODE, { message: `fromLocationBarcode ${BARCODE_MESSAGE}` })
  fromLocationBarcode!: string;
  @IsString()
  @Matches(BARCODE, { message: `toLocationBarcode ${BARCODE_MESSAGE}` })
  toLocationBarcode!: string;
  @IsInt() @Min(1) @Max(MAX_LOT_QUANTITY) quantity!: number;
}
