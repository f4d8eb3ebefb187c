import { IsOmittable, NestedObject, NestedObjects } from '@harvest/platform/http';
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
} from 'class-validator';
import { MAX_LINE_GRAMS, MAX_LINE_PIECES } from '../domain/order-limits';

export class CheckoutLineDto {
  @IsString() @MaxLength(64) skuId!: string;
  /** Pieces, for a SKU sold by the piece. */
  @IsOmittable() @IsInt() @Min(1) @Max(MAX_LINE_PIECES) quantity?: number;
  /** Estimated grams, for a SKU sold by weight (settled after packing). */
  @IsOmittable() @IsInt() @Min(1) @Max(MAX_LINE_GRAMS) estimatedWeightGrams?: number;
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
  @NestedObject(() => DeliveryAddressDto) address!: DeliveryAddressDto;
  @IsString() @MaxLength(64) slotId!: string;
  /** The hard limit; ORDERS_MAX_LINES may be lower. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @NestedObjects(() => CheckoutLineDto)
  lines!: CheckoutLineDto[];
}
