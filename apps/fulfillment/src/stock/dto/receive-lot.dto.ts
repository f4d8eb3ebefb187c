import { IsCalendarDate } from '@harvest/platform/http';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BARCODE, BARCODE_MESSAGE } from '../../facilities/dto/barcode';
import { MAX_LOT_QUANTITY } from '../../shared/domain/quantity-limits';

export class ReceiveLotDto {
  @IsString() @MaxLength(64) skuId!: string;
  /** Admins name the center; a scanner receives into the center it is bound to. */
  @IsOptional() @IsString() @MaxLength(64) fulfillmentCenterId?: string;
  /** Pieces, or grams for a weighed SKU (a lot of pieces is also held to MAX_LOT_PIECES once its SKU is known). */
  @IsInt() @Min(1) @Max(MAX_LOT_QUANTITY) quantity!: number;
  @IsCalendarDate() receiptDate!: string;
  /** Printed on the produce; defaults to the receipt date plus the SKU's shelf life. */
  @IsOptional() @IsCalendarDate() expiryDate?: string;
  /** The lot label's barcode when it already has one (a farm label); otherwise one is issued. */
  @IsOptional() @IsString() @Matches(BARCODE, { message: `barcode ${BARCODE_MESSAGE}` }) barcode?: string;
}
