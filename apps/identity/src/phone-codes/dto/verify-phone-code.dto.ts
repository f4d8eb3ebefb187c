import { Matches } from 'class-validator';
import { ClientAddressField, PhoneField } from '../../shared/dto/sign-in-fields';

/** What an issuer sends to check a customer's code: `{ phone, code, clientAddress }` → `{ subject }`. */
export class VerifyPhoneCodeDto {
  @PhoneField()
  phone!: string;

  @Matches(/^\d{6}$/, { message: 'must be the 6-digit code' })
  code!: string;

  @ClientAddressField()
  clientAddress!: string;
}
