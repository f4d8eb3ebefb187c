import { SHORT_PICK_REASONS } from '@harvest/contracts/fulfillment-short-picked';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_LINE_QUANTITY } from '../../shared/domain/quantity-limits';

export class ScanBarcodeDto {
  @IsString() @MaxLength(64) barcode!: string;
}

export class ConfirmPickDto {
  /** Pieces for a piece SKU, the scale's grams for a weighed SKU. */
  @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity!: number;
}

export class ShortPickDto {
  @IsIn(SHORT_PICK_REASONS) reason!: (typeof SHORT_PICK_REASONS)[number];
  /** What could be picked of this task (fewer than asked); none by default. */
  @IsOptional() @IsInt() @Min(0) @Max(MAX_LINE_QUANTITY) pickedQuantity?: number;
}
