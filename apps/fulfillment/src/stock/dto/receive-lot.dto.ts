import { IsDateString, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ReceiveLotDto {
  @IsString() @MaxLength(64) skuId!: string;
  /** Admins name the center; a scanner receives into the center it is bound to. */
  @IsOptional() @IsString() @MaxLength(64) fulfillmentCenterId?: string;
  /** Pieces, or grams for a weighed SKU. */
  @IsInt() @Min(1) quantity!: number;
  @Matches(DATE, { message: 'receiptDate must be YYYY-MM-DD' }) @IsDateString() receiptDate!: string;
  /** Printed on the produce; defaults to the receipt date plus the SKU's shelf life. */
  @IsOptional() @Matches(DATE, { message: 'expiryDate must be YYYY-MM-DD' }) @IsDateString() expiryDate?: string;
  /** The lot label's barcode when it already has one (a farm label); otherwise one is issued. */
  @IsOptional() @IsString() @MaxLength(64) barcode?: string;
}
