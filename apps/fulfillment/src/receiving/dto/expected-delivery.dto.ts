import { IsCalendarDate, MaxDecimals, NestedObjects } from '@harvest/platform/http';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BARCODE, BARCODE_MESSAGE } from '../../facilities/dto/barcode';
import { MAX_LOT_QUANTITY } from '../../shared/domain/quantity-limits';

export class ExpectedDeliveryLineDto {
  @IsString() @MaxLength(64) skuId!: string;
  /** Pieces, or grams for a weighed SKU. */
  @IsInt() @Min(1) @Max(MAX_LOT_QUANTITY) quantity!: number;
  /** The day the farm harvested it: the lot's expiry is this plus the SKU's shelf life. */
  @IsCalendarDate() harvestDate!: string;
}

export class CreateExpectedDeliveryDto {
  @IsString() @MaxLength(64) fulfillmentCenterId!: string;
  /** One of our farms (catalog's farm id, e.g. farm-hebei-1). */
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'farmId must be a lowercase id (a-z, 0-9, -)' })
  farmId!: string;
  /** The farm's delivery-note number. */
  @IsOptional() @IsString() @MaxLength(64) reference?: string;
  @IsCalendarDate() expectedOn!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @NestedObjects(() => ExpectedDeliveryLineDto)
  lines!: ExpectedDeliveryLineDto[];
}

/** One crate or pallet of a SKU as the dock scanner takes it in. */
export class ReceiveAgainstDeliveryDto {
  @IsString() @MaxLength(64) skuId!: string;
  @IsInt() @Min(1) @Max(MAX_LOT_QUANTITY) quantity!: number;
  /** The produce's core temperature measured at the dock. */
  @IsNumber() @MaxDecimals(2) @Min(-60) @Max(60) dockCelsius!: number;
  /** Printed on the crate; needed only for a SKU the notice does not list. */
  @IsOptional() @IsCalendarDate() harvestDate?: string;
  /** The crate's farm label when it has one; otherwise one is issued. */
  @IsOptional() @IsString() @Matches(BARCODE, { message: `barcode ${BARCODE_MESSAGE}` }) barcode?: string;
}
