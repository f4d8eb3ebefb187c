import { NestedObjects } from '@harvest/platform/http';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_LINE_QUANTITY } from '../../shared/domain/quantity-limits';

export class PackedLineDto {
  @IsString() @MaxLength(64) skuId!: string;
  /** Net weight of the line as weighed at the bench; for a weighed SKU it settles the line's price. */
  @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) actualWeightGrams!: number;
}

export class PackOrderDto {
  /** Every picked line, weighed. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @NestedObjects(() => PackedLineDto) lines!: PackedLineDto[];
  /** Hours to the customer when the route is known; the configured default otherwise. */
  @IsOptional() @IsInt() @Min(1) @Max(240) transitHours?: number;
}

export class ShipOrderDto {
  @IsString() @MaxLength(64) carrier!: string;
  @IsString() @MaxLength(128) trackingNumber!: string;
}

export class DeliverOrderDto {
  /** A name or "doorstep"; no phone numbers. */
  @IsString() @MaxLength(128) receivedBy!: string;
}
