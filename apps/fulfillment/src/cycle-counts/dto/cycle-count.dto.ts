import { NestedObjects } from '@harvest/platform/http';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BARCODE, BARCODE_MESSAGE } from '../../facilities/dto/barcode';
import { MAX_LOT_QUANTITY } from '../../shared/domain/quantity-limits';

export class CountedLotDto {
  @IsString() @Matches(BARCODE, { message: `lotBarcode ${BARCODE_MESSAGE}` }) lotBarcode!: string;
  /** What the counter found of this lot in the bin (0 allowed: a label with nothing behind it). */
  @IsInt() @Min(0) @Max(MAX_LOT_QUANTITY) quantity!: number;
}

/** A blind count: the counter scans the bin and every lot in it, and says how much of each they found. */
export class SubmitCycleCountDto {
  @IsString() @Matches(BARCODE, { message: `locationBarcode ${BARCODE_MESSAGE}` }) locationBarcode!: string;
  /** Every lot found in the bin; lots the bin should hold that are not listed count as 0 (an empty bin: []). */
  @IsArray() @ArrayMaxSize(200) @NestedObjects(() => CountedLotDto) lines!: CountedLotDto[];
}

export class DecideCycleCountDto {
  @IsOptional() @IsString() @MaxLength(255) note?: string;
}

export class CycleCountQueryDto {
  @IsString() @MaxLength(64) fulfillmentCenterId!: string;
  @IsOptional() @IsIn(['pending-approval', 'applied', 'rejected']) status?: string;
}
