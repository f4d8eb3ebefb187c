import { IsString, MaxLength } from 'class-validator';
import { ClientAddressField, PhoneField } from '../../shared/dto/sign-in-fields';

/** What an issuer sends to check a customer's phone + password (the same shape as a code check). */
export class VerifyPhonePasswordDto {
  @PhoneField()
  phone!: string;

  @IsString()
  @MaxLength(128)
  password!: string;

  @ClientAddressField()
  clientAddress!: string;
}
