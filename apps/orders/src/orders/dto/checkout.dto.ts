import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class CheckoutLineDto {
  @IsString() @MaxLength(64) skuId!: string;
  /** Pieces, for a SKU sold by the piece. */
  @IsOptional() @IsInt() @Min(1) @Max(10_000) quantity?: number;
  /** Estimated grams, for a SKU sold by weight (settled after packing). */
  @IsOptional() @IsInt() @Min(1) @Max(100_000) estimatedWeightGrams?: number;
}

export class DeliveryAddressDto {
  @IsString() @MaxLength(64) zoneId!: string;
  @IsString() @MaxLength(100) recipient!: string;
  @Matches(/^\+?[0-9 -]{5,20}$/, { message: 'phone must be a phone number' }) phone!: string;
  @IsString() @MaxLength(100) city!: string;
  @IsString() @MaxLength(300) street!: string;
}

export class CheckoutDto {
  /** Only when an agent checks out on a customer's behalf; a customer always orders for themself. */
  @IsOptional() @IsString() @MaxLength(64) customerId?: string;
  @ValidateNested() @Type(() => DeliveryAddressDto) address!: DeliveryAddressDto;
  @IsString() @MaxLength(64) slotId!: string;
  /** The hard limit; ORDERS_MAX_LINES may be lower. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CheckoutLineDto)
  lines!: CheckoutLineDto[];
}
