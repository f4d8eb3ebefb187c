import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';

/** A phone number as typed (normalised and checked by the domain: 400 naming `phone` if it is no mobile). */
export const PhoneField = () =>
  applyDecorators(IsString(), MaxLength(32), Matches(/^[+\d\s-]+$/, { message: 'must be a phone number' }));

/** The end user's IP address as the issuer saw it (v4 or v6), for per-address throttling. */
export const ClientAddressField = () =>
  applyDecorators(
    IsString(),
    MaxLength(64),
    Matches(/^[0-9A-Fa-f:.]+$/, { message: 'must be an IP address' }),
  );
