import { SUBSTITUTIONS, type Substitution } from '@harvest/contracts/produce';
import { IsOmittable } from '@harvest/platform/http';
import { IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_LINE_GRAMS, MAX_LINE_PIECES } from '../../orders/domain/order-limits';

export class PutBasketLineDto {
  /** Pieces, for a SKU sold by the piece. */
  @IsOmittable() @IsInt() @Min(1) @Max(MAX_LINE_PIECES) quantity?: number;
  /** Estimated grams, for a SKU sold by weight (settled after packing). */
  @IsOmittable() @IsInt() @Min(1) @Max(MAX_LINE_GRAMS) estimatedWeightGrams?: number;
  /** Should the warehouse run short: a similar item is fine, or no substitute (the default). */
  @IsOmittable() @IsIn(SUBSTITUTIONS) substitution?: Substitution;
}

export class ChooseBasketAddressDto {
  @IsUUID() addressId!: string;
}

export class BasketCheckoutDto {
  @IsString() @MaxLength(64) slotId!: string;
  /** The address to deliver to; the basket's chosen address when left out. */
  @IsOmittable() @IsUUID() addressId?: string;
}

export class MergeGuestBasketDto {
  /** The random id the app kept the guest basket under before the customer signed in. */
  @IsUUID() guestBasketId!: string;
}

const SKU_ID = /^[\w.:-]{1,64}$/;

export class BasketLineParams {
  @Matches(SKU_ID, { message: 'skuId must be a SKU id (1-64 letters, digits, . _ : -)' }) skuId!: string;
}

/** A guest basket's id is a random (version 4) UUID the guest's app made: the only key to it. */
export class GuestBasketParams {
  @IsUUID('4') guestBasketId!: string;
}

export class GuestBasketLineParams extends GuestBasketParams {
  @Matches(SKU_ID, { message: 'skuId must be a SKU id (1-64 letters, digits, . _ : -)' }) skuId!: string;
}
