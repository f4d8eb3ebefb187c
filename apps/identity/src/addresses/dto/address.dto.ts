import { IsOmittable } from '@harvest/platform/http';
import { IsBoolean, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { AREA_CODE_PATTERN } from '../domain/address-book';

export class AddAddressDto {
  @IsString() @MinLength(1) @MaxLength(100) recipient!: string;
  /** The district's six-digit administrative division code (e.g. 310104); it decides the delivery zone. */
  @Matches(AREA_CODE_PATTERN, { message: 'areaCode must be a six-digit district code, e.g. 310104' })
  areaCode!: string;
  @IsString() @MinLength(1) @MaxLength(100) city!: string;
  @IsString() @MinLength(1) @MaxLength(300) street!: string;
  /** Make it the default address (the first address of a book always is). */
  @IsOmittable() @IsBoolean() makeDefault?: boolean;
}

export class ChooseDefaultAddressDto {
  @IsUUID() addressId!: string;
}

export class AddressParams {
  @IsUUID() id!: string;
}

export class CustomerAddressParams extends AddressParams {
  @IsString() @MinLength(1) @MaxLength(64) customerId!: string;
}
