import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class PackedLineDto {
  @IsString() @MaxLength(64) skuId!: string;
  /** Net weight of the line as weighed at the bench; for a weighed SKU it settles the line's price. */
  @IsInt() @Min(1) actualWeightGrams!: number;
}

export class PackOrderDto {
  /** Every picked line, weighed. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PackedLineDto) lines!: PackedLineDto[];
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
