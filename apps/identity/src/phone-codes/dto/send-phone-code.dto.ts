import { PhoneField } from '../../shared/dto/sign-in-fields';

export class SendPhoneCodeDto {
  @PhoneField()
  phone!: string;
}
